package dev.canary.report;

/** The report's inline style sheet. */
final class Style {
    static final String CSS = String.join("",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2937;",
            "margin:24px auto;max-width:940px;padding:0 16px}",
            "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #e5e7eb}",
            "h3{font-size:15px;margin:16px 0 2px}",
            "#outcome{display:inline-block;font-weight:600;padding:2px 10px;border-radius:12px;margin:4px 0}",
            "#outcome.succeeded{background:#dcfce7;color:#166534}#outcome.failed{background:#fee2e2;color:#991b1b}",
            "#outcome.running{background:#dbeafe;color:#1e40af}",
            "dl{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:8px 0}dt{color:#6b7280}",
            "dd{margin:0}.legend{color:#6b7280;margin:2px 0 6px}",
            "svg.chart{display:block;background:#fff;border:1px solid #e5e7eb;border-radius:6px}",
            "svg .axis{stroke:#9ca3af;stroke-width:1}svg .tick,svg .bound-label{font-size:11px;fill:#6b7280}",
            "svg .bound{stroke:#6b7280;stroke-width:1.5;stroke-dasharray:6 4}",
            "svg polyline.weight{stroke:#2563eb;stroke-width:3}svg polyline.value{stroke:#059669;stroke-width:3}",
            "svg .dot{fill:#374151}svg .dot.failed{fill:#dc2626}svg rect.gate{fill:#f59e0b;fill-opacity:.28}",
            "ul{padding-left:20px}li.failed,li.error{color:#991b1b}li.gate,li.warn{color:#92400e}",
            "time{font-variant-numeric:tabular-nums;color:#6b7280}",
            "table{border-collapse:collapse;width:100%;font-size:13px}",
            "th,td{text-align:left;vertical-align:top;padding:4px 6px;border-bottom:1px solid #f3f4f6}",
            "td:nth-child(-n+5){white-space:nowrap}ul.evidence{margin:4px 0;padding-left:16px;color:#4b5563}",
            "ul.evidence li.fail{color:#991b1b}code{display:block;font-size:11px;color:#6b7280;word-break:break-all}",
            "footer{margin:28px 0;color:#9ca3af;font-size:12px}");

    private Style() {
    }
}
