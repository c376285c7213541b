import Surveys

/// What each rung of the participatieladder means for the person answering, in plain words: who
/// decides and what happens with their input. Follows the roles of seed 003's ladder table (the
/// resident's role and the municipality's role per rung).
enum ParticipationText {
    static func sentence(_ rung: ParticipationRung, _ language: Language) -> String {
        switch (rung, language) {
        case (.informeren, .nl):
            "U wordt geïnformeerd: de gemeente beslist en vertelt u wat zij besluit."
        case (.informeren, .en):
            "You are informed: the municipality decides and tells you what it decided."
        case (.raadplegen, .nl):
            "U wordt geraadpleegd: de gemeente beslist en hoort graag uw mening, maar is er niet aan gebonden."
        case (.raadplegen, .en):
            "You are consulted: the municipality decides and wants your opinion, but is not bound by it."
        case (.adviseren, .nl):
            "U mag adviseren: de gemeente beslist, en legt uit wat zij met uw advies doet."
        case (.adviseren, .en):
            "You advise: the municipality decides, and explains what it did with your advice."
        case (.coproduceren, .nl):
            "U werkt mee: samen met de gemeente maakt u het plan, binnen vooraf afgesproken grenzen."
        case (.coproduceren, .en):
            "You co-produce: you shape the plan together with the municipality, within limits agreed beforehand."
        case (.meebeslissen, .nl):
            "U beslist mee: de gemeente neemt de uitkomst over, binnen de afspraken die vooraf zijn gemaakt."
        case (.meebeslissen, .en):
            "You co-decide: the municipality adopts the outcome, within the agreements made beforehand."
        case (.zelfOrganiseren, .nl):
            "U organiseert het zelf: de gemeente ondersteunt waar dat nodig is."
        case (.zelfOrganiseren, .en):
            "You organise it yourselves: the municipality supports where needed."
        }
    }
}

/// The language a page is shown in: the visitor's explicit choice (`?lang=` or the form's `_lang`),
/// else the member's own language, else Dutch.
enum PageLanguage {
    static func choose(explicit: String?, member: String?) -> Language {
        if let explicit, let language = Language(rawValue: explicit) { return language }
        if let member, let language = Language(rawValue: member) { return language }
        return .nl
    }
}
