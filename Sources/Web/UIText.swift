/// The fixed texts of the pages, in Dutch (the default) and English. Survey texts come from the files.
enum UIText {
    static func strings(_ language: String) -> [String: String] { language == "en" ? english : dutch }

    static let dutch: [String: String] = [
        "skip": "Naar de vragen",
        "municipality": "Gemeente Hilversum · Burgerpanel",
        "required": "verplicht",
        "optional": "niet verplicht",
        "submit": "Antwoorden versturen",
        "errorSummaryTitle": "Er ging iets mis. Controleer deze vragen:",
        "closesLabel": "U kunt antwoorden tot en met",
        "participationLabel": "Uw invloed",
        "whatNextLabel": "Wat gebeurt er met uw antwoorden?",
        "alreadyAnswered": "U heeft deze vragenlijst al ingevuld. Als u opnieuw verstuurt, vervangen uw nieuwe antwoorden de vorige.",
        "thanksTitle": "Dank u wel!",
        "thanksStored": "Uw antwoorden zijn opgeslagen.",
        "thanksReplaced": "Uw eerdere antwoorden zijn vervangen door deze nieuwe.",
        "thanksChange": "Wilt u iets veranderen? Open dan dezelfde persoonlijke link opnieuw; dat kan tot de vragenlijst sluit.",
        "thanksBack": "Uw antwoorden bekijken of wijzigen",
        "privacy": "Uw antwoorden worden apart van uw naam en e-mailadres bewaard en alleen in groepen van minstens tien mensen gerapporteerd.",
        "characters": "tekens",
        "maxCharacters": "Hoogstens",
    ]

    static let english: [String: String] = [
        "skip": "Skip to the questions",
        "municipality": "Municipality of Hilversum · Citizens' panel",
        "required": "required",
        "optional": "optional",
        "submit": "Send answers",
        "errorSummaryTitle": "Something went wrong. Please check these questions:",
        "closesLabel": "You can answer until",
        "participationLabel": "Your influence",
        "whatNextLabel": "What happens with your answers?",
        "alreadyAnswered": "You have already answered. If you send again, your new answers replace the earlier ones.",
        "thanksTitle": "Thank you!",
        "thanksStored": "Your answers have been saved.",
        "thanksReplaced": "Your earlier answers have been replaced by these new ones.",
        "thanksChange": "Want to change something? Open the same personal link again; you can do so until the survey closes.",
        "thanksBack": "View or change your answers",
        "privacy": "Your answers are kept apart from your name and e-mail address and reported only in groups of at least ten people.",
        "characters": "characters",
        "maxCharacters": "At most",
    ]
}
