//! Work spread over the machine's cores, with results in input order, so that parallel and
//! sequential runs give byte-identical reports.
//!
//! In: a slice of items, a weight per item (bytes of text, say) and a function. Out: the
//! function's results in the items' order. Small inputs run on the calling thread: starting a
//! thread costs tens of microseconds, more than a short article's whole extraction.

use std::num::NonZeroUsize;

/// Below this total weight (bytes of text), work stays on the calling thread.
pub const MIN_PARALLEL_WEIGHT: usize = 64 * 1024;

/// `f` over `items`, on up to as many threads as the machine has cores, each taking one
/// contiguous run of items of about equal weight. Results come back in `items`' order.
pub fn map_weighted<T, R, F, W>(items: &[T], weight: W, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
    W: Fn(&T) -> usize,
{
    let threads = std::thread::available_parallelism()
        .map(NonZeroUsize::get)
        .unwrap_or(1)
        .min(items.len());
    let weights: Vec<usize> = items.iter().map(&weight).collect();
    let total: usize = weights.iter().sum();
    if threads < 2 || total < MIN_PARALLEL_WEIGHT {
        return items.iter().map(f).collect();
    }
    // Cut the items into `threads` runs at equal shares of the total weight: each cut falls
    // on the item boundary nearest its share (two files of nearly the same size go to two
    // threads, whichever is larger).
    let mut prefix = Vec::with_capacity(items.len() + 1);
    prefix.push(0usize);
    for w in &weights {
        prefix.push(prefix.last().copied().unwrap_or(0).saturating_add(*w));
    }
    let mut bounds = vec![0];
    for cut in 1..threads {
        let share = (total as u128 * cut as u128 / threads as u128) as usize;
        let after = prefix.partition_point(|&p| p < share);
        let nearest = match (after.checked_sub(1), prefix.get(after)) {
            (Some(before), Some(&p)) if share - prefix[before] < p - share => before,
            _ => after,
        };
        if nearest > *bounds.last().unwrap_or(&0) && nearest < items.len() {
            bounds.push(nearest);
        }
    }
    bounds.push(items.len());
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let run = &items[w[0]..w[1]];
                scope.spawn(move || run.iter().map(f).collect::<Vec<R>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                // A panic in a worker is a panic of the caller, as it would be sequentially.
                Err(payload) => std::panic::resume_unwind(payload),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two files of nearly the same size load on two threads, whichever is larger (the
    /// split once put both on one thread when the second was a few bytes larger).
    #[test]
    fn two_items_of_about_equal_weight_run_on_two_threads() {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        if cores < 2 {
            return;
        }
        for weights in [
            [10_000_066, 10_007_002],
            [10_007_002, 10_000_066],
            [70_000, 70_000],
        ] {
            let ids = map_weighted(&weights, |&w| w, |_| std::thread::current().id());
            assert_ne!(ids[0], ids[1], "{weights:?}");
        }
    }

    #[test]
    fn results_keep_the_input_order_whatever_the_split() {
        for len in [0, 1, 2, 3, 17, 1000] {
            let items: Vec<usize> = (0..len).collect();
            // Heavy enough to go parallel, with uneven weights.
            let out = map_weighted(
                &items,
                |&i| MIN_PARALLEL_WEIGHT / 4 * (1 + i % 5),
                |&i| i * 2,
            );
            assert_eq!(
                out,
                items.iter().map(|i| i * 2).collect::<Vec<_>>(),
                "{len}"
            );
        }
        let light = map_weighted(&[1, 2, 3], |_| 1, |&i| i + 1);
        assert_eq!(light, [2, 3, 4]);
    }
}
