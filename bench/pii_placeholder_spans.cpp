#include "bench/pii_placeholder_spans.h"

#include <algorithm>

#include "indexer/text/name_finder.h"
#include "indexer/text/normaliser.h"
#include "indexer/text/pii_scrubber.h"

namespace kb {

namespace {

struct Piece {
    bool placeholder = false;
    std::string text;
};

// The output cut into placeholders and the lines of text between them; blank pieces are no
// anchor (a space between two placeholders is found inside the first name).
std::vector<Piece> pieces_of(std::string_view output) {
    std::vector<Piece> pieces;
    std::string literal;
    const auto flush = [&] {
        if (literal.find_first_not_of(" \t\n") != std::string::npos) pieces.push_back({false, literal});
        literal.clear();
    };
    for (std::size_t at = 0; at < output.size();) {
        const auto placeholders = PiiScrubber::placeholders();
        const auto hit = std::find_if(placeholders.begin(), placeholders.end(),
                                      [&](std::string_view p) { return output.substr(at).starts_with(p); });
        if (hit != placeholders.end()) {
            flush();
            pieces.push_back({true, std::string(*hit)});
            at += hit->size();
        } else if (output[at] == '\n') {
            flush();
            ++at;
        } else {
            literal += output[at++];
        }
    }
    flush();
    return pieces;
}

// Where `piece` starts in `input` from `from`: whole, else its first word found there (a marker
// or greeting taken from inside the line); npos when neither is.
std::pair<std::size_t, std::size_t> find_piece(std::string_view input, std::size_t from, std::string_view piece) {
    if (const std::size_t at = input.find(piece, from); at != std::string_view::npos) return {at, at + piece.size()};
    const std::size_t word_start = piece.find_first_not_of(" \t");
    const std::size_t word_end = std::min(piece.find_first_of(" \t", word_start), piece.size());
    const std::string_view word = piece.substr(word_start, word_end - word_start);
    if (const std::size_t at = input.find(word, from); at != std::string_view::npos) return {at, at + word.size()};
    return {std::string_view::npos, std::string_view::npos};
}

std::pair<std::size_t, std::size_t> trimmed(std::string_view text, std::size_t begin, std::size_t end) {
    while (begin < end && (text[begin] == ' ' || text[begin] == '\n' || text[begin] == '\t')) ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t')) --end;
    return {begin, end};
}

}  // namespace

std::vector<PlaceholderSpan> placeholder_spans(std::string_view input, std::string_view output) {
    std::vector<PlaceholderSpan> spans;
    std::vector<std::string> pending;
    std::size_t at = 0;
    const auto settle = [&](std::size_t until) {
        const auto [begin, end] = trimmed(input, at, until);
        // Placeholders side by side share what they replaced between them.
        for (std::string& p : pending) spans.push_back({std::move(p), begin, end});
        pending.clear();
    };
    for (const Piece& piece : pieces_of(output)) {
        if (piece.placeholder) {
            pending.push_back(piece.text);
            continue;
        }
        const auto [found, found_end] = find_piece(input, at, piece.text);
        if (found == std::string_view::npos) continue;
        settle(found);
        at = found_end;
    }
    settle(input.size());
    return spans;
}

std::vector<ScrubbedField> scrub_fields(const Thread& raw, const ForumPhrases* forum) {
    const Normaliser normaliser;
    std::vector<ScrubbedField> fields{{"title", normaliser.clean(raw.title), ""},
                                      {"question", normaliser.clean(raw.question), ""}};
    for (std::size_t i = 0; i < raw.answers.size(); ++i) {
        fields.push_back({"answer " + std::to_string(i + 1), normaliser.clean(raw.answers[i].body), ""});
        fields.push_back(
            {"answer " + std::to_string(i + 1) + " role", normaliser.clean(raw.answers[i].role_label), ""});
    }
    std::vector<std::string> product_path;
    for (const std::string& level : raw.product_path) product_path.push_back(normaliser.clean(level));
    std::string joined = fields[0].input + "\n" + fields[1].input;
    for (std::size_t i = 0; i < raw.answers.size(); ++i) joined += "\n\n" + fields[2 + 2 * i].input;

    std::vector<std::string> names;
    if (!raw.asker_name.empty()) names.push_back(raw.asker_name);
    for (const Answer& a : raw.answers)
        if (!a.author_name.empty()) names.push_back(a.author_name);
    for (std::string& name : NameFinder(product_path).find(joined, forum)) names.push_back(std::move(name));
    const PiiScrubber scrubber(std::move(names));
    for (ScrubbedField& f : fields) {
        f.output = scrubber.scrub(f.input);
        // The pipeline scrubs a role label without the forum's posters.
        if (!f.where.ends_with(" role") && forum && forum->people()) f.output = forum->people()->remove_names(f.output);
    }
    return fields;
}

std::string in_context(std::string_view input, std::size_t begin, std::size_t end, std::size_t width) {
    std::size_t from = begin > width ? begin - width : 0;
    std::size_t to = std::min(end + width, input.size());
    if (const std::size_t line = input.rfind('\n', begin ? begin - 1 : 0);
        line != std::string_view::npos && line >= from)
        from = line + 1;
    if (const std::size_t line = input.find('\n', end); line != std::string_view::npos && line < to) to = line;
    // Whole code points at the cut ends.
    while (from > 0 && (static_cast<unsigned char>(input[from]) & 0xC0) == 0x80) --from;
    while (to < input.size() && (static_cast<unsigned char>(input[to]) & 0xC0) == 0x80) ++to;
    return std::string(input.substr(from, begin - from)) + "<<" + std::string(input.substr(begin, end - begin)) + ">>" +
           std::string(input.substr(end, to - end));
}

}  // namespace kb
