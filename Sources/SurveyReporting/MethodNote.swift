import SurveyCore

/// The short method note every human-readable report ends with, so that each number can be
/// explained: scores, bands, intervals, reliability, flags and anonymity.
struct MethodNote {
    /// Paragraphs of plain text; names inside have gone through the caller's `escape`.
    let paragraphs: [String]
    /// The bands with their ranges, lowest first.
    let bands: [(name: String, range: String)]

    init(_ scorecard: Scorecard, escape: (String) -> String) {
        let k = scorecard.minGroup
        paragraphs = [
            "Scores. A respondent's dimension score is the mean of the items they answered, when they "
                + "answered at least half of those that apply to them; reverse-worded items are turned round "
                + "first, so higher always means more mature. A group's score is the mean of its respondents' "
                + "scores, shown on the answer scale and as 0–100 (lowest answer 0, highest 100). The overall "
                + "score is the mean of the dimension scores. Don't know, N/A and blank answers are left out.",
            "Bands. A score's band follows from its mean on the answer scale, as listed below; the 0–100 "
                + "score is always shown beside it.",
            "Intervals. Means carry a 95% t-interval. A dimension's favourable share pools its items' answers "
                + "and its interval treats each respondent as one cluster; a single item's share uses the "
                + "Wilson interval. A wide interval means few answers: read small differences with care.",
            "Reliability. Cronbach's alpha is shown for the whole organisation only; below 0.70 the items "
                + "do not measure one thing well (weak), above 0.95 some items may be redundant.",
            "Flags. A flag is a known anti-pattern, tested only when its base has enough answers (otherwise "
                + "\"not enough answers\"). Each test shows its statistic, 95% interval, threshold and base n; "
                + "a share fires at its threshold exactly.",
            "Anonymity. No figure is shown for a group of fewer than \(k) respondents (k = \(k)), and a "
                + "larger group may be hidden too so that a hidden group cannot be worked out by subtracting "
                + "visible ones. Comments appear only for groups of 10 or more. Changes since the previous "
                + "wave are shown as they are, without a significance test.",
        ]
        bands = BandScale(scorecard.bands).definitions.map { (escape($0.name), $0.range) }
    }
}
