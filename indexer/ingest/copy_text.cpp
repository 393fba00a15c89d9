#include "indexer/ingest/copy_text.h"

#include <array>
#include <optional>
#include <vector>

#include "indexer/ingest/sentence_spans.h"
#include "indexer/text/pii_scrubber.h"
#include "indexer/text/text_helpers.h"

namespace kb {

namespace {

constexpr std::array kOpeners{
    OpenerPattern{"I'm sorry", false},
    OpenerPattern{"I am sorry", false},
    OpenerPattern{"I'm so sorry", false},
    OpenerPattern{"I'm really sorry", false},
    OpenerPattern{"Sorry to hear", false},
    OpenerPattern{"So sorry to hear", false},
    OpenerPattern{"We're sorry to hear", false},
    OpenerPattern{"We are sorry to hear", false},
    OpenerPattern{"I apologize for the inconvenience", false},
    OpenerPattern{"I apologise for the inconvenience", false},
    OpenerPattern{"Apologies for the inconvenience", false},
    OpenerPattern{"I understand", true},
    OpenerPattern{"I can understand", true},
    OpenerPattern{"I completely understand", true},
    OpenerPattern{"I totally understand", true},
    OpenerPattern{"I fully understand", true},
    OpenerPattern{"I know how", true},
    OpenerPattern{"I can imagine", true},
    OpenerPattern{"I can see how", true},
    OpenerPattern{"I realize", true},
    OpenerPattern{"I realise", true},
    // Boilerplate keeps a courtesy that runs on ("Thank you for reaching out and I understand the
    // urgency with the subscription about to expire."): it is the asker's situation, not the fix.
    OpenerPattern{"Thank you for reaching out", true},
    OpenerPattern{"Thanks for reaching out", true},
    OpenerPattern{"Thank you for posting", true},
    OpenerPattern{"Thanks for posting", true},
};

// Stems, matched at a word's start: "frustrat" takes frustrating, frustration, frustrated.
constexpr std::array<std::string_view, 16> kFeelings{
    "frustrat",  "stress",  "worr", "concern", "urgen",    "inconvenien", "annoy", "upset",
    "difficult", "disrupt", "anxi", "panic",   "deadline", "exam",        "scary", "painful"};

// Greetings that may stand before a removed name: "Hi [name],", "Dear @[name]".
constexpr std::array<std::string_view, 9> kGreetings{
    "hi", "hello", "dear", "hey", "greetings", "good morning", "good afternoon", "good evening", "hi there"};

// Lines that close an answer before the poster's name: "Best regards," over "[name]".
constexpr std::array<std::string_view, 14> kSignOffs{
    "thanks",      "thank you", "regards",   "best regards", "kind regards", "warm regards", "best",
    "best wishes", "cheers",    "sincerely", "many thanks",  "thanks again", "with regards", "respectfully"};

// Lower-case ASCII, the typographic apostrophe read as "'", for matching only.
std::string folded(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 3) == "\u2019") {
            out += '\'';
            i += 2;
        } else {
            out += ascii_lower(s[i]);
        }
    }
    return out;
}

bool has_feeling(std::string_view sentence) {
    const std::string f = folded(sentence);
    for (std::string_view stem : kFeelings)
        for (std::size_t at = f.find(stem); at != std::string::npos; at = f.find(stem, at + 1))
            if (at == 0 || !is_ascii_alpha(f[at - 1])) return true;
    return false;
}

bool is_opener(std::string_view sentence) {
    const std::string f = folded(trim(sentence));
    for (const OpenerPattern& p : kOpeners) {
        const std::string start = folded(p.start);
        if (!f.starts_with(start)) continue;
        // A whole word: "I understand" is not "I understandably".
        if (f.size() > start.size() && is_ascii_alpha(f[start.size()])) continue;
        if (!p.needs_feeling || has_feeling(sentence)) return true;
    }
    return false;
}

// The placeholder at `at` in `text`, if one starts there; its length.
std::size_t placeholder_at(std::string_view text, std::size_t at) {
    for (std::string_view p : PiiScrubber::placeholders())
        if (text.substr(at, p.size()) == p) return p.size();
    return 0;
}

// "Hi [name], " at the line's start (after its indentation): the length to cut, or 0.
std::size_t greeting_length(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && is_ascii_space(line[i])) ++i;
    const std::string f = folded(line.substr(i));
    for (std::string_view g : kGreetings) {
        if (!f.starts_with(g)) continue;
        std::size_t j = i + g.size();
        while (j < line.size() && (line[j] == ' ' || line[j] == '@' || line[j] == ',')) ++j;
        const std::size_t name = placeholder_at(line, j);
        if (name == 0) continue;
        j += name;
        // "[name] and [name]," : every addressee was removed.
        for (;;) {
            std::size_t k = j;
            while (k < line.size() && line[k] == ' ') ++k;
            if (line.substr(k, 4) == "and ")
                k += 4;
            else if (line.substr(k, 2) == "& ")
                k += 2;
            else if (k < line.size() && line[k] == ',')
                ++k;
            else
                break;
            while (k < line.size() && (line[k] == ' ' || line[k] == '@')) ++k;
            const std::size_t more = placeholder_at(line, k);
            if (more == 0) break;
            j = k + more;
        }
        while (j < line.size() &&
               (line[j] == ',' || line[j] == '!' || line[j] == '.' || line[j] == ':' || line[j] == ';'))
            ++j;
        while (j < line.size() && is_ascii_space(line[j])) ++j;
        return j;
    }
    return 0;
}

bool is_sign_off(std::string_view line) {
    std::string f = folded(trim(line));
    while (!f.empty() && (f.back() == ',' || f.back() == '!' || f.back() == '.')) f.pop_back();
    for (std::string_view s : kSignOffs)
        if (f == s) return true;
    return false;
}

// "  3. ", "- ", "• ", "a) ": a list item's marker with its indentation, kept when a sentence of
// the item goes.
std::size_t marker_length(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && is_ascii_space(line[i])) ++i;
    std::size_t j = i;
    if (line.substr(j, 3) == "\u2022") {
        j += 3;
    } else if (j < line.size() && (line[j] == '-' || line[j] == '*')) {
        ++j;
    } else {
        while (j < line.size() && is_ascii_digit(line[j])) ++j;
        if (j == i && j < line.size() && is_ascii_alpha(line[j])) ++j;
        if (j == i || j - i > 3 || j >= line.size() || (line[j] != '.' && line[j] != ')')) return i;
        ++j;
    }
    if (j >= line.size() || line[j] != ' ') return i;
    while (j < line.size() && line[j] == ' ') ++j;
    return j;
}

// Whether anything but punctuation and space is left.
bool has_words(std::string_view s) {
    for (char c : s)
        if (is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

struct Line {
    std::string_view original;
    std::optional<std::string> changed;  // set when the line lost something
    bool dropped = false;
    bool lost_placeholder = false;  // it went, or lost a sentence, for removed data
    std::string_view text() const { return changed ? std::string_view(*changed) : original; }
};

// The line (its marker and indentation kept) without the sentences `drop` picks, or only its
// leading ones with `only_leading`; nullopt when none is picked, "" when no word is left.
template <typename Drop>
std::optional<std::string> without_sentences(std::string_view line, Drop drop, bool only_leading = false) {
    const std::size_t marker = marker_length(line);
    const std::string_view body = line.substr(marker);
    const std::vector<SentenceSpan> spans = sentence_spans(body);
    std::string kept;
    bool any = false;
    bool leading = true;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const std::string_view s = body.substr(spans[i].begin, spans[i].end - spans[i].begin);
        const bool goes = (!only_leading || leading) && drop(s);
        if (!goes) leading = false;
        if (goes)
            any = true;
        else
            kept += s;
    }
    if (!any) return std::nullopt;
    std::string out;
    if (has_words(kept)) {
        out = std::string(line.substr(0, marker)) + std::string(trim(kept, " \t"));
        while (!out.empty() && is_ascii_space(out.back())) out.pop_back();
    }
    return out;
}

}  // namespace

std::span<const OpenerPattern> opener_patterns() { return kOpeners; }
std::span<const std::string_view> feeling_words() { return kFeelings; }

bool CopyText::has_placeholder(std::string_view text) {
    for (std::string_view p : PiiScrubber::placeholders())
        if (text.find(p) != std::string_view::npos) return true;
    return false;
}

std::string CopyText::make(std::string_view answer) const {
    std::vector<Line> lines;
    for (std::size_t start = 0;;) {
        const std::size_t nl = answer.find('\n', start);
        Line line;
        line.original = answer.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        lines.push_back(std::move(line));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    bool changed = false;
    auto set = [&](Line& line, std::optional<std::string> text, bool for_placeholder) {
        if (!text) return;
        changed = true;
        line.lost_placeholder = line.lost_placeholder || for_placeholder;
        if (text->empty()) line.dropped = true;
        line.changed = std::move(text);
    };

    // The opening: greetings to removed names, then openers, line after line while the opening
    // lines go whole.
    for (Line& line : lines) {
        if (trim(line.text()).empty()) continue;
        if (const std::size_t g = greeting_length(line.text()); g > 0) {
            std::string rest(line.text().substr(g));
            set(line, has_words(rest) ? rest : std::string(), true);
        }
        if (!line.dropped) set(line, without_sentences(line.text(), is_opener, true), false);
        if (!line.dropped) break;
    }
    // Every sentence that still holds a placeholder.
    for (Line& line : lines)
        if (!line.dropped && has_placeholder(line.text()))
            set(line, without_sentences(line.text(), [](std::string_view s) { return has_placeholder(s); }), true);
    if (!changed) return std::string(answer);

    // A sign-off whose name went, and a line announcing only what went ("Contact us at:").
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].dropped || trim(lines[i].text()).empty()) continue;
        std::size_t next = i + 1;
        while (next < lines.size() && lines[next].dropped && !lines[next].lost_placeholder) ++next;
        const bool next_went = next < lines.size() && lines[next].dropped && lines[next].lost_placeholder;
        if (!next_went) continue;
        std::size_t after = next;
        while (after < lines.size() && lines[after].dropped) ++after;
        const bool to_end_of_paragraph = after == lines.size() || trim(lines[after].text()).empty();
        const std::string_view t = trim(lines[i].text());
        if (is_sign_off(t) || (to_end_of_paragraph && t.back() == ':')) set(lines[i], std::string(), true);
    }

    std::string out;
    bool blank_before = false;
    for (const Line& line : lines) {
        if (line.dropped) continue;
        const bool blank = trim(line.text()).empty();
        if (blank && (out.empty() || blank_before)) continue;
        blank_before = blank;
        if (!out.empty()) out += '\n';
        out += line.text();
    }
    while (!out.empty() && is_ascii_space(out.back())) out.pop_back();
    return out;
}

}  // namespace kb
