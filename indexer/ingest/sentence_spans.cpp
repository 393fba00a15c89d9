#include "indexer/ingest/sentence_spans.h"

#include <array>

#include "indexer/text/text_helpers.h"

namespace kb {

namespace {

// Words whose own dot does not end a sentence, compared lower-case without the dot.
constexpr std::array<std::string_view, 14> kAbbreviations{"e.g", "i.e", "etc", "vs", "approx", "no", "mr",
                                                          "mrs", "ms",  "dr",  "st", "fig",    "cf", "incl"};

bool closes(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

// The word that ends just before `dot` (after the last space), lower-case.
std::string_view word_before(std::string_view line, std::size_t dot) {
    std::size_t start = dot;
    while (start > 0 && !is_ascii_space(line[start - 1])) --start;
    return line.substr(start, dot - start);
}

bool is_abbreviation(std::string_view word) {
    while (!word.empty() && (word.front() == '(' || word.front() == '"' || word.front() == '\'')) word.remove_prefix(1);
    if (word.empty() || all_digits(word)) return true;             // "1." of a list, or a lone dot
    if (word.size() == 1 && is_ascii_alpha(word[0])) return true;  // an initial or "a." of a list
    for (std::string_view a : kAbbreviations)
        if (iequals_ascii(word, a)) return true;
    return false;
}

}  // namespace

std::vector<SentenceSpan> sentence_spans(std::string_view line) {
    std::vector<SentenceSpan> spans;
    std::size_t begin = 0;
    std::size_t i = 0;
    // Leading white space stays with the first sentence.
    while (i < line.size() && is_ascii_space(line[i])) ++i;
    for (; i < line.size(); ++i) {
        const char c = line[i];
        if (c != '.' && c != '!' && c != '?') continue;
        std::size_t end = i + 1;
        while (end < line.size() && (closes(line[end]) || line[end] == '.' || line[end] == '!' || line[end] == '?'))
            ++end;
        if (end >= line.size() || !is_ascii_space(line[end])) continue;
        if (c == '.' && is_abbreviation(word_before(line, i))) continue;
        while (end < line.size() && is_ascii_space(line[end])) ++end;
        if (end >= line.size()) break;
        spans.push_back({begin, end});
        begin = end;
        i = end - 1;
    }
    if (begin < line.size() || spans.empty()) spans.push_back({begin, line.size()});
    return spans;
}

}  // namespace kb
