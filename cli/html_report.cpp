#include "html_report.h"

#include "common.h"

#include <algorithm>

#include <fmt/format.h>

namespace rungs::cli {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

constexpr const char* kStyle = R"(
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d2430; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d5dae3; padding: 6px 8px; vertical-align: top; }
th { background: #f3f5f9; text-align: left; font-weight: 600; }
td.cell { text-align: center; min-width: 64px; font-variant-numeric: tabular-nums; }
td.proposed { outline: 3px solid #d9480f; outline-offset: -3px; font-weight: 700; }
.muted { color: #6b7385; } .note { color: #8a4b00; }
details { margin: 2px 0; } summary { cursor: pointer; }
.pair { margin: 4px 0 8px 12px; } .sim { color: #6b7385; font-variant-numeric: tabular-nums; }
.legend span { display: inline-block; width: 28px; height: 12px; margin-right: 2px; }
)";

// White → blue by `value` in [lo, hi].
std::string colour(double value, double lo, double hi) {
  const double t = hi > lo ? std::clamp((value - lo) / (hi - lo), 0.0, 1.0) : 0.0;
  const int r = static_cast<int>(255 - t * (255 - 49));
  const int g = static_cast<int>(255 - t * (255 - 130));
  const int b = static_cast<int>(255 - t * (255 - 206));
  return fmt::format("#{:02x}{:02x}{:02x}", r, g, b);
}

std::string page(const std::string& title, const std::string& body) {
  return fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head>\n"
      "<body>\n<h1>{}</h1>\n{}</body></html>\n",
      escape(title), kStyle, escape(title), body);
}

std::string level_label(const mapping::LevelRef& r) { return r.title + (r.code.empty() ? "" : " [" + r.code + "]"); }

// The heatmap of one mapping with its proposals outlined and the evidence
// of each row folded under it.
std::string heatmap(const mapping::MappingTable& t) {
  // The scale spans the levels that have statements (a TBA level's zeros would flatten it).
  double lo = 1, hi = 0;
  for (const auto& row : t.matrix) {
    for (double v : row) {
      if (v > 0) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  }
  if (hi < lo) lo = hi = 0;
  std::string html = fmt::format("<table class=\"heatmap\" data-from=\"{}\" data-to=\"{}\"><tr><th>{} ↓ / {} →</th>",
                                 escape(t.from), escape(t.to), escape(t.from), escape(t.to));
  for (const auto& c : t.to_levels) html += "<th>" + escape(level_label(c)) + "</th>";
  html += "<th>proposal</th></tr>\n";
  for (std::size_t r = 0; r < t.from_levels.size(); ++r) {
    const auto& eq = t.equivalences[r];
    html += "<tr><th>" + escape(level_label(t.from_levels[r])) + "</th>";
    for (std::size_t c = 0; c < t.to_levels.size(); ++c) {
      const bool proposed =
          std::any_of(eq.to.begin(), eq.to.end(), [&](const auto& x) { return x.level == t.to_levels[c].level; });
      html += fmt::format("<td class=\"cell{}\" style=\"background:{}\" title=\"{} ≈ {}: {:.2f}\">{:.2f}</td>",
                          proposed ? " proposed" : "", colour(t.matrix[r][c], lo, hi), escape(t.from_levels[r].title),
                          escape(t.to_levels[c].title), t.matrix[r][c], t.matrix[r][c]);
    }
    html += "<td>";
    if (eq.to.empty()) {
      html += "<span class=\"note\">no equivalent: " + escape(eq.note) + "</span>";
    } else {
      html += fmt::format("<details><summary>{} ({})</summary>", escape(level_label(eq.to.front())),
                          eq.pinned ? std::string("pinned") : fmt::format("{:.0f}%", 100 * eq.confidence));
      if (const auto why = service::decision_words(eq); !why.empty())
        html += "<div class=\"note\">" + escape(why) + "</div>";
      for (const auto& p : eq.evidence) {
        html += fmt::format("<div class=\"pair\">“{}”<br>≈ “{}” <span class=\"sim\">{:.2f}</span></div>",
                            escape(p.from_statement), escape(p.to_statement), p.similarity);
      }
      html += "</details>";
    }
    html += "</td></tr>\n";
  }
  html += "</table>\n";
  html += fmt::format(
      "<p class=\"legend muted\">Colour: content similarity from {:.2f} <span style=\"background:{}\"></span>"
      "<span style=\"background:{}\"></span><span style=\"background:{}\"></span> to {:.2f}. "
      "Outlined: the proposed equivalence. Confidence: {}.</p>\n",
      lo, colour(lo, lo, hi), colour((lo + hi) / 2, lo, hi), colour(hi, lo, hi), hi, escape(t.confidence_method));
  return html;
}

}  // namespace

std::string html_map_report(const mapping::MappingTable& table) {
  return page("rungs: " + table.from + " → " + table.to, heatmap(table));
}

std::string html_harmonise_report(const mapping::Harmonisation& h, const std::vector<mapping::MappingTable>& to_pivot) {
  std::string body = "<p class=\"muted\">Pivots (the ladder each track's bands follow): ";
  for (const auto& p : h.pivots) body += escape(p.track + ": " + p.ladder) + "; ";
  body += "</p>\n<h2>Bands</h2>\n<table class=\"bands\"><tr><th>band</th><th>track</th>";
  for (const auto& l : h.ladders) body += "<th>" + escape(l) + "</th>";
  body += "<th>confidence</th><th>notes</th></tr>\n";
  for (const auto& band : h.bands) {
    body +=
        fmt::format("<tr><td class=\"band\">{}</td><td>{}</td>", escape(service::band_name(band)), escape(band.track));
    for (const auto& l : h.ladders) {
      std::string cell;
      for (const auto& m : band.members) {
        if (m.ladder != l) continue;
        cell += (cell.empty() ? "" : "<br>") + escape(level_label(m.level));
        if (!m.evidence.from_statement.empty()) {
          cell += fmt::format(
              "<details><summary class=\"muted\">why</summary><div class=\"pair\">“{}”<br>≈ “{}”</div></details>",
              escape(m.evidence.from_statement), escape(m.evidence.to_statement));
        }
      }
      body += "<td>" + (cell.empty() ? "<span class=\"muted\">—</span>" : cell) + "</td>";
    }
    std::string notes;
    for (const auto& n : band.notes) notes += (notes.empty() ? "" : "<br>") + escape(service::band_note_words(n));
    body += fmt::format("<td>{}</td><td class=\"note\">{}</td></tr>\n",
                        band.members.size() > 1 ? fmt::format("{:.0f}%", 100 * band.confidence) : "—", notes);
  }
  body += "</table>\n";
  if (!h.unplaced.empty()) {
    body += "<p class=\"note\">Not placed in any band: ";
    for (std::size_t i = 0; i < h.unplaced.size(); ++i)
      body += escape(h.unplaced_ladders[i] + " " + h.unplaced[i].title) + "; ";
    body += "</p>\n";
  }
  for (const auto& t : to_pivot) body += "<h2>" + escape(t.from + " → " + t.to) + "</h2>\n" + heatmap(t);
  return page("rungs: bands across " + std::to_string(h.ladders.size()) + " ladders", body);
}

std::string html_compare_report(const mapping::Comparison& c) {
  std::string body;
  for (const auto* p : {&c.a, &c.b}) {
    body += "<h2>Themes per level: " + escape(p->ladder) + "</h2>\n<table class=\"themes\"><tr><th>theme</th>";
    for (std::size_t i = 0; i < p->levels.size(); ++i) {
      body += fmt::format("<th>{}<br><span class=\"muted\">{} statements</span></th>",
                          escape(level_label(p->levels[i])), p->statement_counts[i]);
    }
    body += "</tr>\n";
    int top = 1;
    for (const auto& t : p->themes) {
      for (int n : t.statements) top = std::max(top, n);
    }
    for (const auto& t : p->themes) {
      body += "<tr><th>" + escape(t.theme) + "</th>";
      for (std::size_t i = 0; i < t.statements.size(); ++i) {
        // The statements behind the count show on hover, and are listed below.
        std::string behind;
        for (const auto& text : t.evidence[i]) behind += (behind.empty() ? "" : "\n") + text;
        const int n = t.statements[i];
        body += fmt::format("<td class=\"cell\" style=\"background:{}\" title=\"{}\">{}</td>", colour(n, 0, top),
                            escape(behind), n ? std::to_string(n) : "");
      }
      body += "</tr>\n";
    }
    body += "</table>\n<details><summary>Statements behind each theme</summary>\n";
    for (const auto& t : p->themes) {
      for (std::size_t i = 0; i < t.evidence.size(); ++i) {
        if (t.evidence[i].empty()) continue;
        body += "<h4>" + escape(t.theme + " at " + p->levels[i].title) + "</h4>\n<ul>";
        for (const auto& text : t.evidence[i]) body += "<li>" + escape(text) + "</li>";
        body += "</ul>\n";
      }
    }
    body += "</details>\n";
    for (const auto& s : p->thin_levels) body += "<p class=\"note\">Thin level: " + escape(s) + "</p>\n";
    for (const auto& s : p->near_duplicates) body += "<p class=\"note\">Near duplicate: " + escape(s) + "</p>\n";
  }
  auto list = [&](const std::string& title, const std::vector<std::string>& items) {
    body += "<h2>" + escape(title) + "</h2>\n<ul>";
    for (const auto& i : items) body += "<li>" + escape(i) + "</li>";
    if (items.empty()) body += "<li class=\"muted\">none</li>";
    body += "</ul>\n";
  };
  list("Themes only " + c.a.ladder + " covers", c.only_in_a);
  list("Themes only " + c.b.ladder + " covers", c.only_in_b);
  list("Where one ladder asks for a theme at a lower level", c.earlier);
  body += "<h2>" + escape(c.mapping.from + " → " + c.mapping.to) + "</h2>\n" + heatmap(c.mapping);
  return page("rungs: " + c.a.ladder + " compared with " + c.b.ladder, body);
}

}  // namespace rungs::cli
