//! News-like articles for benchmarks: French, English and German text with people,
//! organisations, places, roles, figures, money, percentages, dates and quotes in each
//! language's typography, at any size, and edited versions of them (light or heavy edits,
//! moved paragraphs, shuffles, rewrites). Deterministic: the same seed gives the same bytes.
//!
//! Shared by `benches/pipeline.rs` and `examples/news_pair.rs` (which writes pairs to files for
//! `benches/compare.sh`) through `#[path]`, so every tool measures the same inputs.

#![allow(dead_code)]

/// A deterministic pseudo-random sequence (xorshift64).
#[derive(Clone)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn percent(&mut self) -> usize {
        self.below(100)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
    De,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::En, Lang::De];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == s)
    }
}

/// What happens between the two versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edits {
    /// A figure, a date or a name changed in 3% of sentences; 1% of sentences added, 1% dropped.
    Light,
    /// 30% of sentences rewritten (half of them replaced outright, half with most of their
    /// figures, names and wording changed), 3% dropped, 3% added, 3% split in two, and 5% of
    /// paragraphs moved elsewhere.
    Heavy,
    /// Every paragraph at a new place: the worst case for move detection.
    Shuffled,
    /// Every sentence replaced: one gap spanning the whole article.
    Rewritten,
}

impl Edits {
    pub const ALL: [Edits; 4] = [
        Edits::Light,
        Edits::Heavy,
        Edits::Shuffled,
        Edits::Rewritten,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Edits::Light => "light",
            Edits::Heavy => "heavy",
            Edits::Shuffled => "shuffled",
            Edits::Rewritten => "rewritten",
        }
    }

    pub fn parse(s: &str) -> Option<Edits> {
        Edits::ALL.into_iter().find(|e| e.name() == s)
    }
}

/// One sentence: a template and the values of its slots, so an edit can change a figure or a
/// name and render the sentence again.
#[derive(Clone, Debug)]
struct Sentence {
    template: usize,
    slots: Vec<String>,
    /// The text when an edit changed more than the slots (a sentence split in two).
    text: Option<String>,
}

/// An article: a headline and paragraphs of sentences.
#[derive(Clone, Debug)]
pub struct Article {
    lang: Lang,
    title: String,
    paragraphs: Vec<Vec<Sentence>>,
}

/// The words of one language.
struct Words {
    first: &'static [&'static str],
    last: &'static [&'static str],
    orgs: &'static [&'static str],
    places: &'static [&'static str],
    roles: &'static [&'static str],
    days: &'static [&'static str],
    months: &'static [&'static str],
    units: &'static [&'static str],
    topics: &'static [&'static str],
    verbs: &'static [&'static str],
    adverbs: &'static [&'static str],
    quotes: &'static [&'static str],
    /// Sentence templates: `{p}` person, `{r}` role, `{o}` organisation, `{l}` place, `{n}`
    /// number, `{m}` money, `{c}` percentage, `{d}` date, `{w}` weekday, `{q}` quote, `{t}`
    /// topic, `{v}` verb of saying, `{a}` adverbial opener.
    templates: &'static [&'static str],
    titles: &'static [&'static str],
}

const FR: Words = Words {
    first: &[
        "Marie",
        "Jean-Luc",
        "Sophie",
        "Karim",
        "Élise",
        "François",
        "Nathalie",
        "Thomas",
        "Aïcha",
        "Pierre",
        "Camille",
        "Olivier",
        "Léa",
        "Mathieu",
        "Hélène",
        "Yves",
    ],
    last: &[
        "Dubois",
        "Moreau",
        "Lefèvre",
        "Benali",
        "Garnier",
        "Rousseau",
        "Fontaine",
        "Chevalier",
        "Mercier",
        "Girard",
        "Lambert",
        "Bonnet",
        "Faure",
        "Perrin",
        "Marchand",
        "Duval",
    ],
    orgs: &[
        "Renault",
        "la SNCF",
        "Airbus",
        "TotalEnergies",
        "la Banque de France",
        "l’Insee",
        "le groupe Lagardère",
        "la CGT",
        "Orange",
        "Bpifrance",
        "l’Autorité de la concurrence",
        "la Commission européenne",
        "EDF",
        "Michelin",
    ],
    places: &[
        "Paris",
        "Lyon",
        "Marseille",
        "Toulouse",
        "Bruxelles",
        "Lille",
        "Bordeaux",
        "Nantes",
        "Strasbourg",
        "Genève",
        "Montréal",
        "l’Inde",
        "la Chine",
        "les États-Unis",
    ],
    roles: &[
        "directrice générale",
        "ministre de l’Économie",
        "porte-parole",
        "président",
        "secrétaire général",
        "analyste",
        "maire",
        "présidente du conseil de surveillance",
    ],
    days: &[
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    months: &[
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    units: &[
        "salariés",
        "usines",
        "marchés",
        "clients",
        "magasins",
        "kilomètres",
        "logements",
    ],
    topics: &[
        "le plan de restructuration",
        "la réforme des retraites",
        "l’accord de rachat",
        "la hausse des tarifs",
        "le projet de loi",
        "la fermeture du site",
        "les négociations salariales",
        "l’enquête préliminaire",
        "la fusion annoncée",
    ],
    verbs: &[
        "a déclaré",
        "a affirmé",
        "a assuré",
        "a indiqué",
        "a estimé",
        "a reconnu",
    ],
    adverbs: &[
        "Selon nos informations,",
        "Par ailleurs,",
        "De son côté,",
        "Dans la foulée,",
        "D’après un communiqué,",
        "En parallèle,",
        "Toutefois,",
        "Au total,",
    ],
    quotes: &[
        "Nous n’avons pas l’intention de céder",
        "Cette décision est irréversible",
        "Les discussions se poursuivent dans un climat constructif",
        "Il n’y aura aucun licenciement sec",
        "Nous attendons des garanties écrites",
        "Le calendrier sera tenu",
        "Personne ne peut encore chiffrer les dégâts",
    ],
    templates: &[
        "{a} {o} a annoncé {w} la suppression de {n} {u} d’ici au {d}.",
        "« {q} », {v} {p}, {r} de {o}, {w} à {l}.",
        "Le chiffre d’affaires de {o} a progressé de {c} au dernier trimestre, à {m}.",
        "{p}, {r}, {v} que {t} serait présenté avant le {d}.",
        "{a} près de {n} {u} sont concernés à {l}, soit {c} de l’effectif.",
        "L’opération, estimée à {m}, doit être bouclée au plus tard le {d}.",
        "{o} et {o} ont signé {w} un accord portant sur {t}.",
        "À {l}, {p} a reçu {w} les représentants de {o} pour évoquer {t}.",
        "La somme de {m} sera versée en deux fois, dont {c} dès le {d}.",
        "{a} {p} {v} avoir rencontré {p} à {l} pour discuter de {t}.",
        "Les ventes ont reculé de {c} en un an, selon {o}, qui emploie {n} {u}.",
        "« {q} », a répété {p} devant la presse, {w} soir.",
        "{t} prévoit l’ouverture de {n} nouveaux {u} à {l} d’ici au {d}.",
        "{a} l’action de {o} a gagné {c} {w}, portant sa valorisation à {m}.",
    ],
    titles: &[
        "{o} prêt à racheter {o} pour {m}",
        "{l} : {t} relancé après l’annonce de {o}",
        "{p} quitte la direction de {o}",
    ],
};

const EN: Words = Words {
    first: &[
        "Sarah", "James", "Priya", "Michael", "Olivia", "Daniel", "Grace", "Samuel", "Aisha",
        "Robert", "Emily", "Hiroshi", "Laura", "Kevin", "Fatima", "Thomas",
    ],
    last: &[
        "Collins",
        "Whitaker",
        "Patel",
        "O’Brien",
        "Nguyen",
        "Harrington",
        "Okafor",
        "Brennan",
        "Fischer",
        "Morales",
        "Chen",
        "Donovan",
        "Keller",
        "Walsh",
        "Ramirez",
        "Sullivan",
    ],
    orgs: &[
        "Microsoft",
        "the Federal Reserve",
        "Boeing",
        "the World Bank",
        "General Motors",
        "Amnesty International",
        "the Department of Justice",
        "Pfizer",
        "Reuters",
        "Barclays",
        "the European Commission",
        "Tesla",
        "the United Nations",
        "Walmart",
    ],
    places: &[
        "London",
        "Chicago",
        "New York",
        "Washington",
        "Toronto",
        "Sydney",
        "Houston",
        "Dublin",
        "Manchester",
        "Seattle",
        "Boston",
        "India",
        "China",
        "Brazil",
    ],
    roles: &[
        "chief executive",
        "spokeswoman",
        "finance minister",
        "chairman",
        "senior analyst",
        "mayor",
        "head of research",
        "governor",
    ],
    days: &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    months: &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    units: &[
        "jobs",
        "plants",
        "markets",
        "customers",
        "stores",
        "miles",
        "homes",
    ],
    topics: &[
        "the restructuring plan",
        "the pension reform",
        "the takeover bid",
        "the price rise",
        "the draft bill",
        "the plant closure",
        "the wage talks",
        "the federal inquiry",
        "the proposed merger",
    ],
    verbs: &[
        "said",
        "told reporters",
        "insisted",
        "added",
        "warned",
        "acknowledged",
    ],
    adverbs: &[
        "According to people familiar with the matter,",
        "Meanwhile,",
        "For its part,",
        "Separately,",
        "In a statement,",
        "At the same time,",
        "However,",
        "In all,",
    ],
    quotes: &[
        "We have no intention of walking away",
        "This decision is final",
        "Talks are continuing in a constructive spirit",
        "There will be no forced layoffs",
        "We are waiting for written guarantees",
        "The timetable will hold",
        "Nobody can put a figure on the damage yet",
    ],
    templates: &[
        "{a} {o} announced on {w} that it would cut {n} {u} by {d}.",
        "“{q},” {v} {p}, {r} of {o}, on {w} in {l}.",
        "Revenue at {o} rose {c} in the last quarter to {m}.",
        "{p}, the {r}, {v} that {t} would be presented before {d}.",
        "{a} nearly {n} {u} are affected in {l}, or {c} of the workforce.",
        "The deal, valued at {m}, is due to close no later than {d}.",
        "{o} and {o} signed an agreement on {t} on {w}.",
        "In {l}, {p} met representatives of {o} on {w} to discuss {t}.",
        "The {m} will be paid in two instalments, {c} of it by {d}.",
        "{a} {p} {v} that they had met {p} in {l} to discuss {t}.",
        "Sales fell {c} over the year, according to {o}, which employs {n} {u}.",
        "“{q},” {p} repeated to reporters on {w} evening.",
        "{t} provides for {n} new {u} in {l} by {d}.",
        "{a} shares in {o} gained {c} on {w}, valuing the company at {m}.",
    ],
    titles: &[
        "{o} poised to buy {o} for {m}",
        "{l}: {t} revived after {o} announcement",
        "{p} steps down as head of {o}",
    ],
};

const DE: Words = Words {
    first: &[
        "Anna", "Jürgen", "Katrin", "Mehmet", "Sabine", "Florian", "Ursula", "Tobias", "Leonie",
        "Stefan", "Monika", "Andreas", "Julia", "Markus", "Petra", "Lukas",
    ],
    last: &[
        "Schneider",
        "Weber",
        "Hoffmann",
        "Yılmaz",
        "Becker",
        "Schäfer",
        "Zimmermann",
        "Krüger",
        "Wagner",
        "Neumann",
        "Braun",
        "Hartmann",
        "Lehmann",
        "Köhler",
        "Vogel",
        "Richter",
    ],
    orgs: &[
        "Siemens",
        "die Deutsche Bahn",
        "Volkswagen",
        "das Bundeskartellamt",
        "die Bundesbank",
        "BASF",
        "die IG Metall",
        "Lufthansa",
        "die Europäische Zentralbank",
        "Bayer",
        "SAP",
        "das Statistische Bundesamt",
        "Thyssenkrupp",
        "die Allianz",
    ],
    places: &[
        "Berlin",
        "München",
        "Hamburg",
        "Köln",
        "Frankfurt am Main",
        "Stuttgart",
        "Düsseldorf",
        "Leipzig",
        "Wien",
        "Zürich",
        "Dresden",
        "Indien",
        "China",
        "den USA",
    ],
    roles: &[
        "Vorstandschefin",
        "Sprecher",
        "Wirtschaftsministerin",
        "Aufsichtsratschef",
        "Analyst",
        "Oberbürgermeister",
        "Betriebsratsvorsitzende",
        "Finanzvorstand",
    ],
    days: &[
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ],
    months: &[
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    units: &[
        "Stellen",
        "Werke",
        "Märkte",
        "Kunden",
        "Filialen",
        "Kilometer",
        "Wohnungen",
    ],
    topics: &[
        "der Sanierungsplan",
        "die Rentenreform",
        "das Übernahmeangebot",
        "die Preiserhöhung",
        "der Gesetzentwurf",
        "die Werksschließung",
        "die Tarifverhandlungen",
        "das Ermittlungsverfahren",
        "die geplante Fusion",
    ],
    verbs: &[
        "sagte",
        "erklärte",
        "betonte",
        "versicherte",
        "warnte",
        "räumte ein",
    ],
    adverbs: &[
        "Nach Informationen dieser Zeitung",
        "Unterdessen",
        "Zugleich",
        "Außerdem",
        "Laut einer Mitteilung",
        "Parallel dazu",
        "Allerdings",
        "Insgesamt",
    ],
    quotes: &[
        "Wir haben nicht die Absicht aufzugeben",
        "Diese Entscheidung ist endgültig",
        "Die Gespräche laufen in einer konstruktiven Atmosphäre weiter",
        "Es wird keine betriebsbedingten Kündigungen geben",
        "Wir erwarten schriftliche Zusagen",
        "Der Zeitplan wird eingehalten",
        "Niemand kann den Schaden schon beziffern",
    ],
    templates: &[
        "{a} kündigte {o} am {w} den Abbau von {n} {u} bis zum {d} an.",
        "„{q}“, {v} {p}, {r} von {o}, am {w} in {l}.",
        "Der Umsatz von {o} stieg im vergangenen Quartal um {c} auf {m}.",
        "{p}, {r}, {v}, {t} werde vor dem {d} vorgestellt.",
        "{a} sind in {l} fast {n} {u} betroffen, das sind {c} der Belegschaft.",
        "Das Geschäft im Wert von {m} soll spätestens am {d} abgeschlossen sein.",
        "{o} und {o} unterzeichneten am {w} eine Vereinbarung über {t}.",
        "In {l} empfing {p} am {w} Vertreter von {o}, um über {t} zu sprechen.",
        "Die {m} werden in zwei Raten gezahlt, {c} davon bis zum {d}.",
        "{a} {v} {p}, man habe {p} in {l} getroffen, um über {t} zu sprechen.",
        "Der Absatz sank binnen eines Jahres um {c}, teilte {o} mit, das {n} {u} zählt.",
        "„{q}“, wiederholte {p} am {w} Abend vor Journalisten.",
        "{t} sieht bis zum {d} {n} neue {u} in {l} vor.",
        "{a} legte die Aktie von {o} am {w} um {c} zu, der Börsenwert liegt nun bei {m}.",
    ],
    titles: &[
        "{o} will {o} für {m} übernehmen",
        "{l}: {t} nach Ankündigung von {o} wieder aufgenommen",
        "{p} verlässt die Spitze von {o}",
    ],
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
        Lang::De => &DE,
    }
}

/// A whole number in the language's typography: 1 250 / 1,250 / 1.250.
fn grouped(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Fr => "\u{202f}",
        Lang::En => ",",
        Lang::De => ".",
    };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// The value of one slot kind, freshly drawn.
fn fill(kind: char, lang: Lang, rng: &mut Rng) -> String {
    let w = words(lang);
    match kind {
        'p' => format!("{} {}", rng.pick(w.first), rng.pick(w.last)),
        'r' => rng.pick(w.roles).to_string(),
        'o' => rng.pick(w.orgs).to_string(),
        'l' => rng.pick(w.places).to_string(),
        'n' => grouped(10 + rng.below(40_000) as u64, lang),
        'm' => {
            let amount = 1 + rng.below(950);
            let big = rng.below(2) == 0;
            match lang {
                Lang::Fr if big => format!("{amount} millions d’euros"),
                Lang::Fr => format!("{},{} milliards d’euros", amount / 100 + 1, amount % 10),
                Lang::En if big => format!("${amount} million"),
                Lang::En => format!("${}.{} billion", amount / 100 + 1, amount % 10),
                Lang::De if big => format!("{amount} Millionen Euro"),
                Lang::De => format!("{},{} Milliarden Euro", amount / 100 + 1, amount % 10),
            }
        }
        'c' => {
            let (whole, tenth) = (1 + rng.below(60), rng.below(10));
            match lang {
                Lang::Fr => format!("{whole},{tenth}\u{a0}%"),
                Lang::En => format!("{whole}.{tenth}%"),
                Lang::De => format!("{whole},{tenth} Prozent"),
            }
        }
        'd' => {
            let (day, month) = (1 + rng.below(28), rng.pick(w.months));
            match lang {
                Lang::Fr => format!("{day} {month}"),
                Lang::En => format!("{month} {day}"),
                Lang::De => format!("{day}. {month}"),
            }
        }
        'u' => rng.pick(w.units).to_string(),
        'w' => rng.pick(w.days).to_string(),
        'q' => rng.pick(w.quotes).to_string(),
        't' => rng.pick(w.topics).to_string(),
        'v' => rng.pick(w.verbs).to_string(),
        'a' => rng.pick(w.adverbs).to_string(),
        _ => String::new(),
    }
}

/// The slot kinds of a template, in order.
fn slot_kinds(template: &str) -> Vec<char> {
    let mut kinds = Vec::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' {
            if let Some(k) = chars.next() {
                kinds.push(k);
            }
            chars.next();
        }
    }
    kinds
}

fn render_template(template: &str, slots: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut values = slots.iter();
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        if c == '{' {
            chars.next();
            chars.next();
            out.push_str(values.next().map(String::as_str).unwrap_or(""));
        } else {
            out.push(c);
        }
    }
    capitalise_first(&elide(&out))
}

/// French elision after "de" and "à le" contractions are left to the templates; only
/// "de Airbus" → "d’Airbus" needs fixing once names are filled in.
fn elide(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" de ") {
        let after = &rest[i + 4..];
        out.push_str(&rest[..i]);
        if after.starts_with(['A', 'E', 'I', 'O', 'U', 'É', 'Ê']) {
            out.push_str(" d’");
        } else {
            out.push_str(" de ");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn new_sentence(lang: Lang, rng: &mut Rng) -> Sentence {
    let templates = words(lang).templates;
    let template = rng.below(templates.len());
    let slots = slot_kinds(templates[template])
        .into_iter()
        .map(|k| fill(k, lang, rng))
        .collect();
    Sentence {
        template,
        slots,
        text: None,
    }
}

impl Article {
    /// An article of about `bytes` bytes (at least one paragraph).
    pub fn generate(lang: Lang, bytes: usize, seed: u64) -> Article {
        let mut rng = Rng(seed | 1);
        let w = words(lang);
        let title_template = rng.pick(w.titles);
        let title_slots: Vec<String> = slot_kinds(title_template)
            .into_iter()
            .map(|k| fill(k, lang, &mut rng))
            .collect();
        let title = render_template(title_template, &title_slots);
        let mut article = Article {
            lang,
            title,
            paragraphs: Vec::new(),
        };
        let mut size = article.title.len();
        while size < bytes || article.paragraphs.is_empty() {
            let count = 2 + rng.below(4);
            let paragraph: Vec<Sentence> =
                (0..count).map(|_| new_sentence(lang, &mut rng)).collect();
            size += paragraph
                .iter()
                .map(|s| article.sentence_text(s).len() + 1)
                .sum::<usize>()
                + 1;
            article.paragraphs.push(paragraph);
        }
        article
    }

    fn sentence_text(&self, s: &Sentence) -> String {
        match &s.text {
            Some(text) => text.clone(),
            None => render_template(words(self.lang).templates[s.template], &s.slots),
        }
    }

    /// The article as plain text: headline, blank line, paragraphs separated by blank lines.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(self.paragraphs.len() * 400);
        out.push_str(&self.title);
        for p in &self.paragraphs {
            out.push_str("\n\n");
            let sentences: Vec<String> = p.iter().map(|s| self.sentence_text(s)).collect();
            out.push_str(&sentences.join(" "));
        }
        out.push('\n');
        out
    }

    pub fn sentence_count(&self) -> usize {
        self.paragraphs.iter().map(Vec::len).sum()
    }

    /// The next version of the article under `edits`.
    pub fn edited(&self, edits: Edits, seed: u64) -> Article {
        let mut rng = Rng(seed | 1);
        let lang = self.lang;
        let mut out = self.clone();
        match edits {
            Edits::Light => {
                for p in &mut out.paragraphs {
                    let mut kept = Vec::with_capacity(p.len() + 1);
                    for s in p.drain(..) {
                        match rng.percent() {
                            0..3 => kept.push(refill(&s, lang, 1, &mut rng)),
                            3 => kept.push(new_sentence(lang, &mut rng)),
                            4 => {}
                            _ => kept.push(s),
                        }
                        if rng.percent() == 0 {
                            kept.push(new_sentence(lang, &mut rng));
                        }
                    }
                    if kept.is_empty() {
                        kept.push(new_sentence(lang, &mut rng));
                    }
                    *p = kept;
                }
            }
            Edits::Heavy => {
                let mut paragraphs = Vec::with_capacity(out.paragraphs.len());
                for p in out.paragraphs.drain(..) {
                    let mut kept = Vec::with_capacity(p.len() + 2);
                    for s in p {
                        match rng.percent() {
                            0..15 => kept.push(new_sentence(lang, &mut rng)),
                            15..30 => {
                                let changes = s.slots.len().div_ceil(2).max(1);
                                kept.push(refill(&s, lang, changes, &mut rng));
                            }
                            30..33 => {}
                            33..36 => {
                                kept.push(s);
                                kept.push(new_sentence(lang, &mut rng));
                            }
                            36..39 => {
                                // Split in two at its first comma.
                                let then = match lang {
                                    Lang::Fr => ". Puis ",
                                    Lang::En => ". Then ",
                                    Lang::De => ". Dann ",
                                };
                                let text = self.sentence_text(&s).replacen(", ", then, 1);
                                kept.push(Sentence {
                                    text: Some(text),
                                    ..s
                                });
                            }
                            _ => kept.push(s),
                        }
                    }
                    if kept.is_empty() {
                        kept.push(new_sentence(lang, &mut rng));
                    }
                    paragraphs.push(kept);
                }
                for _ in 0..paragraphs.len() / 20 {
                    let from = rng.below(paragraphs.len());
                    let moved = paragraphs.remove(from);
                    let to = rng.below(paragraphs.len() + 1);
                    paragraphs.insert(to, moved);
                }
                out.paragraphs = paragraphs;
            }
            Edits::Shuffled => {
                for i in (1..out.paragraphs.len()).rev() {
                    out.paragraphs.swap(i, rng.below(i + 1));
                }
            }
            Edits::Rewritten => {
                for p in &mut out.paragraphs {
                    for s in p.iter_mut() {
                        *s = new_sentence(lang, &mut rng);
                    }
                }
            }
        }
        out
    }
}

/// `s` with `changes` of its slots drawn again (a new figure, name, date…).
fn refill(s: &Sentence, lang: Lang, changes: usize, rng: &mut Rng) -> Sentence {
    let kinds = slot_kinds(words(lang).templates[s.template]);
    let mut out = s.clone();
    out.text = None;
    for _ in 0..changes {
        if kinds.is_empty() {
            break;
        }
        let i = rng.below(kinds.len());
        out.slots[i] = fill(kinds[i], lang, rng);
    }
    out
}

/// Parses `5KB`, `100KB`, `1MB`, `10MB` (decimal or binary prefixes are treated alike: K =
/// 1000, M = 1 000 000) or a plain byte count.
pub fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim().to_ascii_uppercase();
    let (digits, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => s.split_at(i),
        None => (s.as_str(), ""),
    };
    let n: usize = digits.parse().ok()?;
    let mult = match unit.trim_end_matches('B').trim_end_matches('I') {
        "" => 1,
        "K" => 1_000,
        "M" => 1_000_000,
        _ => return None,
    };
    Some(n * mult)
}
