#include "indexer/ingest/boilerplate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "indexer/ingest/sentence_spans.h"
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

// A courtesy is a short sentence of its own: one that goes on after the pattern with a colon,
// figures or many words ("Hope this helps someone: the fix was...") holds content and is kept.
bool is_courtesy(std::string_view sentence) {
    constexpr int kMaxTailWords = 8;
    sentence = trim(sentence);
    for (const auto& p : kPatterns) {
        if (p.kind != Kind::Courtesy || !istarts_with(sentence, p.text)) continue;
        const std::string_view tail = sentence.substr(p.text.size());
        int words = 0;
        for (std::size_t i = 0; i < tail.size(); ++i)
            if (tail[i] != ' ' && (i == 0 || tail[i - 1] == ' ')) ++words;
        if (words > kMaxTailWords || tail.find_first_of(":;0123456789") != std::string_view::npos) return false;
        // A courtesy ends its sentence: "Thank you for the details you sent" running to the end
        // of the line without a stop is not one.
        const char last = tail.empty() ? '\0' : tail.back();
        return last == '.' || last == '!' || last == '?';
    }
    return false;
}

// Page furniture that is a sentence of its own and trails the answer, even inside its last
// paragraph ("Pass. Was this answer helpful?"): the sentence patterns of kPatterns and counts.
bool is_trailing_furniture(std::string_view sentence) {
    sentence = trim(sentence);
    for (const auto& p : kPatterns) {
        const char last = p.text.empty() ? '\0' : p.text.back();
        const bool is_sentence = last == '.' || last == '!' || last == '?';
        if (p.kind == Kind::Line && is_sentence && iequals(sentence, p.text)) return true;
        if (p.kind == Kind::CountedLine && is_sentence)
            if (const auto rest = after_count(sentence); !rest.empty() && iequals(rest, p.text)) return true;
    }
    return is_courtesy(sentence);
}

// Furniture that takes the rest of its line, wherever in the line its sentence starts.
bool starts_furniture(std::string_view sentence) {
    sentence = trim(sentence);
    for (const auto& p : kPatterns)
        if (p.kind == Kind::LinePrefix && istarts_with(sentence, p.text)) return true;
    return false;
}

// The line without its opening courtesy sentences and without the furniture and courtesies that
// close it, sentence by sentence; unchanged when it has none. Courtesies in the middle of a
// line, and furniture followed by content ("Was this answer helpful? I asked myself."), stay.
std::string cut_sentences(std::string line) {
    const std::vector<SentenceSpan> spans = sentence_spans(line);
    auto text = [&](std::size_t i) {
        return std::string_view(line).substr(spans[i].begin, spans[i].end - spans[i].begin);
    };
    std::size_t first = 0;
    std::size_t last = spans.size();  // one past the last kept
    while (first < last && is_courtesy(text(first))) ++first;
    for (std::size_t i = first + 1; i < last; ++i)
        if (starts_furniture(text(i))) last = i;
    while (last > first && is_trailing_furniture(text(last - 1))) --last;
    if (first == 0 && last == spans.size()) return line;
    if (first >= last) return {};
    // Kept from the line's own start when nothing opened it, so its indentation stays; an
    // opening courtesy takes the indentation with it, as it always did.
    const std::size_t from = first == 0 ? 0 : spans[first].begin;
    std::string kept = line.substr(from, spans[last - 1].end - from);
    while (!kept.empty() && is_ascii_space(kept.back())) kept.pop_back();
    return first == 0 ? kept : std::string(trim(kept));
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
            std::string cut = cut_phrases(cut_sentences(std::string(line)));
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
