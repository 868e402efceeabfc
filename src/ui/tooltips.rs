//! Hover tooltips on the marked words of the central panel.
//!
//! In: which entity or fact is under the pointer ([`Tip`], an index into the extraction of the
//! version it belongs to), the versions, their extractions and the timeline when it has been
//! computed. Out: the tooltip text: an entity's kind, role, the names it goes by and how often
//! this version mentions it; a fact's kind and its value in every version. Built only while the
//! pointer is on the word, never per frame for every row.

use std::cell::Cell;

use crate::core::document::Version;
use crate::core::extract::entities::EntityKind;
use crate::core::extract::{Extraction, FactKind};
use crate::core::report::Timeline;

/// What a marked stretch of text is: `Entity(i)` is `Extraction::entities[i]`, `Fact(i)` is
/// `Extraction::facts[i]` of the version the text belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tip {
    Entity(usize),
    Fact(usize),
}

/// What the tooltips read.
pub(crate) struct TipSource<'a> {
    pub versions: &'a [Version],
    pub extractions: &'a [Extraction],
    /// `None` until the timeline has been computed.
    pub timeline: Option<&'a Timeline>,
    /// Set when a fact's history was asked for before the timeline existed.
    pub want_timeline: &'a Cell<bool>,
}

pub(crate) fn entity_kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organisation",
        EntityKind::Place => "place",
        EntityKind::Other => "name",
    }
}

pub(crate) fn fact_kind_name(kind: FactKind) -> &'static str {
    match kind {
        FactKind::Number => "number",
        FactKind::Money => "amount",
        FactKind::Percent => "percentage",
        FactKind::Date => "date",
        FactKind::Time => "time",
        FactKind::Quantity => "quantity",
        FactKind::Quote => "quote",
    }
}

/// The tooltip of `tip` in version `version`; `None` when the index is stale.
pub(crate) fn tip_text(tip: Tip, version: usize, source: &TipSource<'_>) -> Option<String> {
    let extraction = source.extractions.get(version)?;
    let name = |i: usize| super::app::display_name(source.versions, i);
    match tip {
        Tip::Entity(i) => {
            let entity = extraction.entities.get(i)?;
            let mut lines = vec![format!(
                "{} ({})",
                entity.name,
                entity_kind_name(entity.kind)
            )];
            if let Some(role) = entity.role.as_deref().filter(|r| !r.trim().is_empty()) {
                lines.push(format!("Role: {role}"));
            }
            let others: Vec<&str> = entity
                .aliases
                .iter()
                .map(String::as_str)
                .filter(|a| *a != entity.name)
                .collect();
            if !others.is_empty() {
                lines.push(format!("Also written: {}", others.join(", ")));
            }
            let times = if entity.mentions == 1 {
                "time"
            } else {
                "times"
            };
            lines.push(format!(
                "Mentioned {} {times} in {}",
                entity.mentions,
                name(version)
            ));
            if let Some(t) = source
                .timeline
                .and_then(|t| t.entities.iter().find(|t| t.id == entity.id))
            {
                let names: Vec<String> = t.versions.iter().map(|&v| name(v)).collect();
                lines.push(format!("In: {}", names.join(", ")));
            }
            Some(lines.join("\n"))
        }
        Tip::Fact(i) => {
            let fact = extraction.facts.get(i)?;
            let mut lines = vec![format!("{}: {}", fact_kind_name(fact.kind), fact.text)];
            let Some(timeline) = source.timeline else {
                source.want_timeline.set(true);
                lines.push("Value history: computing…".to_string());
                return Some(lines.join("\n"));
            };
            let history = timeline.facts.iter().find(|f| {
                f.kind == fact.kind
                    && f.values
                        .get(version)
                        .is_some_and(|v| v.as_deref() == Some(&fact.text))
            });
            if let Some(history) = history {
                lines.push("Value in each version:".to_string());
                for (v, value) in history.values.iter().enumerate() {
                    let value = value.as_deref().unwrap_or("(not stated)");
                    lines.push(format!("  {}: {value}", name(v)));
                }
            }
            Some(lines.join("\n"))
        }
    }
}
