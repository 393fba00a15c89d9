#include "indexer/ingest/boilerplate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "indexer/text/text_helpers.h"

namespace kb {

namespace {

using Kind = BoilerplatePattern::Kind;

constexpr std::array kPatterns{
    BoilerplatePattern{Kind::Line, "Share via"},
    BoilerplatePattern{Kind::Line, "Sort by: Most helpful"},
    BoilerplatePattern{Kind::Line, "Sort by: Newest"},
    BoilerplatePattern{Kind::Line, "Was this answer helpful?"},
    BoilerplatePattern{Kind::Line, "Your answer"},
    BoilerplatePattern{Kind::Line, "No comments"},
    BoilerplatePattern{Kind::LinePrefix, "Answers can be marked as 'Accepted'"},
    BoilerplatePattern{Kind::LinePrefix, "AI-generated content may be incorrect"},
    BoilerplatePattern{Kind::LinePrefix, "If the answer is helpful, please click \"Accept Answer\""},
    BoilerplatePattern{Kind::LinePrefix, "If the answer is helpful, please click 'Accept Answer'"},
    BoilerplatePattern{Kind::LinePrefix,
                       "Note: Please follow the steps in our documentation to enable e-mail notifications"},
    BoilerplatePattern{Kind::LinePrefix, "Moderator's note: Moved from"},
    BoilerplatePattern{Kind::Phrase, "User's image"},
    BoilerplatePattern{Kind::CountedLine, "comments No comments"},
    BoilerplatePattern{Kind::CountedLine, "comment No comments"},
    BoilerplatePattern{Kind::CountedLine, "comments"},
    BoilerplatePattern{Kind::CountedLine, "person found this answer helpful."},
    BoilerplatePattern{Kind::CountedLine, "people found this answer helpful."},
    BoilerplatePattern{Kind::TrailingLine, "References:"},
    // Forum courtesies that open or close an answer: nothing a reader needs, and noise when the
    // answer is pasted into a reply.
    BoilerplatePattern{Kind::Courtesy, "Welcome to Microsoft Q&A"},
    BoilerplatePattern{Kind::Courtesy, "Thank you for posting"},
    BoilerplatePattern{Kind::Courtesy, "Thanks for posting"},
    BoilerplatePattern{Kind::Courtesy, "Thank you for reaching out"},
    BoilerplatePattern{Kind::Courtesy, "Thanks for reaching out"},
    BoilerplatePattern{Kind::Courtesy, "Thank you for your question"},
    BoilerplatePattern{Kind::Courtesy, "Thank you for the details"},
    BoilerplatePattern{Kind::Courtesy, "Thanks for the details"},
    BoilerplatePattern{Kind::Courtesy, "Thank you for the information"},
    BoilerplatePattern{Kind::Courtesy, "Thanks for the information"},
    BoilerplatePattern{Kind::Courtesy, "Thank you for the update"},
    BoilerplatePattern{Kind::Courtesy, "Hello and welcome"},
    BoilerplatePattern{Kind::LinePrefix, "Please avoid posting your full email address"},
    BoilerplatePattern{Kind::Courtesy, "I hope this helps"},
    BoilerplatePattern{Kind::Courtesy, "Hope this helps"},
    BoilerplatePattern{Kind::Courtesy, "I hope this information helps"},
};

bool iequals(std::string_view a, std::string_view b) { return iequals_ascii(a, b); }

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::size_t ifind(std::string_view s, std::string_view needle) {
    if (needle.empty() || s.size() < needle.size()) return std::string_view::npos;
    for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
        if (iequals(s.substr(i, needle.size()), needle)) return i;
    return std::string_view::npos;
}

// "3 people found..." -> "people found..." when the line starts with a count; empty otherwise.
std::string_view after_count(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == ',')) ++i;
    if (i == 0 || i >= line.size() || line[i] != ' ') return {};
    return trim(line.substr(i));
}

bool drops_line(std::string_view line) {
    for (const auto& p : kPatterns) {
        switch (p.kind) {
            case Kind::Line:
                if (iequals(line, p.text)) return true;
                break;
            case Kind::LinePrefix:
                if (istarts_with(line, p.text)) return true;
                break;
            case Kind::CountedLine:
                if (const auto rest = after_count(line); !rest.empty() && iequals(rest, p.text)) return true;
                break;
            case Kind::Phrase:
            case Kind::TrailingLine:
            case Kind::Courtesy:
                break;
        }
    }
    return false;
}

// The line without its opening courtesy sentence; unchanged when it has none. A courtesy is a
// short sentence of its own: a line that goes on after the pattern without a sentence end, or
// with a colon, figures or many words ("Hope this helps someone: the fix was...") holds content
// and is kept whole.
std::string cut_courtesy(std::string line) {
    constexpr int kMaxTailWords = 8;
    const std::string_view trimmed = trim(line);
    for (const auto& p : kPatterns) {
        if (p.kind != Kind::Courtesy || !istarts_with(trimmed, p.text)) continue;
        std::size_t end = p.text.size();
        auto sentence_end = [&](std::size_t i) {
            return (trimmed[i] == '.' || trimmed[i] == '!' || trimmed[i] == '?') &&
                   (i + 1 == trimmed.size() || trimmed[i + 1] == ' ');
        };
        while (end < trimmed.size() && !sentence_end(end)) ++end;
        if (end == trimmed.size()) return line;
        const std::string_view tail = trimmed.substr(p.text.size(), end - p.text.size());
        int words = 0;
        for (std::size_t i = 0; i < tail.size(); ++i)
            if (tail[i] != ' ' && (i == 0 || tail[i - 1] == ' ')) ++words;
        const bool content = words > kMaxTailWords || tail.find_first_of(":;0123456789") != std::string_view::npos;
        if (content) return line;
        const std::string rest(trim(trimmed.substr(end + 1 < trimmed.size() ? end + 1 : trimmed.size())));
        // A rest that is only its own courtesy ("Welcome! Thank you for posting.") goes too.
        return cut_courtesy(rest);
    }
    return line;
}

std::string cut_phrases(std::string line) {
    for (const auto& p : kPatterns) {
        if (p.kind != Kind::Phrase) continue;
        for (auto at = ifind(line, p.text); at != std::string::npos; at = ifind(line, p.text))
            line.erase(at, p.text.size());
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    return line;
}

}  // namespace

std::span<const BoilerplatePattern> boilerplate_patterns() { return kPatterns; }

std::string Boilerplate::strip(std::string_view text) const {
    std::vector<std::string> kept;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        const std::string_view line = text.substr(start, nl - start);
        if (!drops_line(trim(line))) {
            const bool had_text = !trim(line).empty();
            std::string cut = cut_phrases(cut_courtesy(std::string(line)));
            // A line that was only a phrase ("User's image") goes entirely.
            if (!(had_text && trim(cut).empty())) kept.push_back(std::move(cut));
        }
        if (nl == text.size()) break;
        start = nl + 1;
    }
    // Trailing-only patterns: "References:" with nothing after it.
    auto last_text = [&]() {
        while (!kept.empty() && trim(kept.back()).empty()) kept.pop_back();
    };
    last_text();
    for (bool dropped = true; dropped && !kept.empty();) {
        dropped = false;
        for (const auto& p : kPatterns)
            if (p.kind == Kind::TrailingLine && !kept.empty() && iequals(trim(kept.back()), p.text)) {
                kept.pop_back();
                last_text();
                dropped = true;
            }
    }
    std::string out;
    int blank_run = 0;
    for (const auto& line : kept) {
        if (trim(line).empty()) {
            if (out.empty() || ++blank_run > 1) continue;
        } else {
            blank_run = 0;
        }
        if (!out.empty()) out += '\n';
        out += line;
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace kb
