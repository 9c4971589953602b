/// The report's inline style sheet: system fonts only, nothing fetched, print rules included.
enum HTMLStyle {
    /// Colours for the five band steps, lowest first; dark text stays readable on each.
    static let bandColours = ["#f2a7a0", "#f8cf9c", "#f7e7a1", "#cfe6b3", "#9fd39a"]
    /// Favourable, neutral and unfavourable answer colours for the bars.
    static let answerColours = (favourable: "#4f9a55", neutral: "#c9c9c9", unfavourable: "#d4694f")

    static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 68rem; padding: 1.5rem 2rem 3rem; color: #1d1d1f; background: #fff;
      font: 15px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    h1 { font-size: 2rem; margin: 0.2rem 0 0.6rem; }
    h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #1d1d1f; }
    h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
    p { margin: 0.4rem 0; }
    .kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.75rem; color: #555; margin: 0; }
    .headline { display: grid; grid-template-columns: auto 1fr; gap: 0.4rem 1.6rem; align-items: start; }
    .headline h1, .headline .kicker { grid-column: 1 / -1; }
    .overall { border-radius: 10px; padding: 0.8rem 1.2rem; min-width: 12rem; text-align: center; border: 1px solid #999; }
    .overall p { margin: 0; }
    .overall .score { font-size: 2.6rem; font-weight: 700; line-height: 1.1; }
    .overall .outof { font-size: 1rem; color: #333; }
    .overall .band-name { font-size: 1.2rem; font-weight: 600; }
    .overall .mean { font-size: 0.8rem; color: #333; }
    .summary { font-size: 1.1rem; margin-top: 0.2rem; }
    .facts { display: flex; flex-wrap: wrap; gap: 0.3rem 1.6rem; margin: 0.8rem 0 0; font-size: 0.9rem; }
    .facts div { display: flex; gap: 0.4rem; }
    .facts dt { color: #555; }
    .facts dd { margin: 0; font-weight: 600; }
    nav ol { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; list-style: none; padding: 0; margin: 1.2rem 0 0; font-size: 0.9rem; }
    a { color: #1a5fb4; }
    table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 0.4rem; font-size: 0.88rem; }
    caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
    th, td { border: 1px solid #d0d0d0; padding: 0.3rem 0.45rem; vertical-align: top; }
    thead th { background: #f0f0f0; text-align: left; }
    tbody th { text-align: left; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .cell-score { font-weight: 700; font-variant-numeric: tabular-nums; }
    .cell-band { display: block; font-size: 0.78rem; }
    .band-1 { background: \(bandColours[0]); }
    .band-2 { background: \(bandColours[1]); }
    .band-3 { background: \(bandColours[2]); }
    .band-4 { background: \(bandColours[3]); }
    .band-5 { background: \(bandColours[4]); }
    .band-none { background: #f4f4f4; }
    .suppressed { color: #666; font-style: italic;
      background: repeating-linear-gradient(135deg, #ececec, #ececec 6px, #f7f7f7 6px, #f7f7f7 12px); }
    .heatmap td { text-align: center; min-width: 6.5rem; }
    .overview { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
    figure { margin: 0.6rem 0; }
    figcaption { font-size: 0.85rem; color: #444; }
    svg text { font-family: inherit; }
    .radar { width: 100%; max-width: 34rem; height: auto; display: block; margin: 0 auto; }
    .note { font-size: 0.82rem; color: #444; }
    .flag { border: 1px solid #ccc; border-left: 6px solid #999; border-radius: 6px; padding: 0.5rem 0.9rem; margin: 0.8rem 0;
      break-inside: avoid; page-break-inside: avoid; }
    .flag.status-fired { border-left-color: #b3261e; }
    .flag.status-clear { border-left-color: #4f9a55; }
    .flag.status-not-enough-answers { border-left-color: #999; }
    .flag h3 { margin: 0.2rem 0 0.4rem; }
    .badge { display: inline-block; font-size: 0.72rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em;
      border-radius: 4px; padding: 0.05rem 0.4rem; margin-right: 0.35rem; vertical-align: 0.12em; border: 1px solid #777; }
    .badge.fired { background: #b3261e; color: #fff; border-color: #b3261e; }
    .badge.clear { background: #e3f1e1; color: #1e4d22; border-color: #4f9a55; }
    .badge.not-enough-answers { background: #eee; color: #333; }
    .badge.severity-high { background: #fde0dc; color: #7a1a14; border-color: #b3261e; }
    .badge.severity-medium { background: #fdf0d5; color: #6b4a00; border-color: #b7860b; }
    .badge.severity-low { background: #eef3fb; color: #1a3f73; border-color: #5b7fb6; }
    .evidence { font-size: 0.82rem; }
    .dimension-row th, .dimension-row td { border-top: 2px solid #888; }
    .item-row th, .item-row td { font-size: 0.8rem; color: #333; }
    .item-row th { font-weight: 400; padding-left: 1.2rem; }
    .alpha-flag { display: block; font-size: 0.75rem; font-weight: 700; color: #8a4b00; }
    .bar-label { display: block; font-size: 0.75rem; color: #333; white-space: nowrap; }
    .badge-improved { background: #d8efd0; border-color: #5a9a48; }
    .badge-declined { background: #f6d5d0; border-color: #b5483a; }
    .comments li { margin: 0.25rem 0; }
    .method li { margin: 0.1rem 0; }
    footer { margin-top: 2.5rem; font-size: 0.78rem; color: #555; border-top: 1px solid #ccc; padding-top: 0.5rem; }
    @media print {
      @page { size: A4; margin: 14mm 12mm; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { max-width: none; padding: 0; font-size: 10pt; }
      nav { display: none; }
      a { color: inherit; text-decoration: none; }
      .page-break { break-before: page; page-break-before: always; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      tr, figure { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      .radar { max-width: 12cm; }
    }
    """
}
