#include "indexer/text/postal_addresses.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>
#include <unicode/uchar.h>

#include "indexer/text/text_scan.h"

namespace kb {

using namespace text_scan;

namespace {

// A '.' that ends "Co.", "St.", "Rd." rather than a sentence.
bool after_abbreviation(std::string_view text, std::size_t dot) {
    std::size_t from = dot;
    while (from > 0 && std::isalpha(static_cast<unsigned char>(text[from - 1]))) --from;
    const std::size_t letters = dot - from;
    if (letters == 0 || letters > 3 || !std::isupper(static_cast<unsigned char>(text[from]))) return false;
    for (std::size_t i = from + 1; i < dot; ++i)
        if (!std::islower(static_cast<unsigned char>(text[i]))) return false;
    return true;
}

bool is_address_particle(std::string_view word) {
    for (const std::string_view particle :
         {"am",  "an", "de", "del",  "der", "des", "di", "da", "du",  "la",  "le", "los",
          "las", "of", "on", "upon", "im",  "y",   "e",  "d",  "van", "den", "bei"})
        if (word == particle) return true;
    return false;
}

// One word of an address part: a capitalised word, a number or postcode piece ("NW1", "3º",
// "4th", "1511/230"), a state or county abbreviation ("Co.", "NSW"), or a particle.
bool is_address_word(std::string_view word) {
    while (!word.empty() && (word.front() == '(' || word.front() == '\'')) word.remove_prefix(1);
    while (!word.empty() && (word.back() == ')' || word.back() == '.')) word.remove_suffix(1);
    if (word.empty()) return false;
    if (count_digits(word) > 0) return word.size() <= 10;
    const UChar32 first = code_point_at(word, 0);
    if (u_isupper(first)) return true;
    const auto apostrophe = word.find('\'');  // "d'Ainay"
    if (apostrophe != std::string_view::npos) return is_address_particle(word.substr(0, apostrophe));
    return is_address_particle(word);
}

// How much of `part` reads as address words, in bytes from its start, and how many words that is.
std::pair<std::size_t, std::size_t> address_words(std::string_view part) {
    std::size_t words = 0, at = 0, taken = 0;
    while (at < part.size() && words < 7) {
        while (at < part.size() && part[at] == ' ') ++at;
        if (at >= part.size()) break;
        std::size_t end = part.find(' ', at);
        if (end == std::string_view::npos) end = part.size();
        if (!is_address_word(part.substr(at, end - at))) break;
        ++words;
        taken = at = end;
    }
    return {taken, words};
}

bool is_address_part(std::string_view part) {
    if (part.size() > 56) return false;
    const auto [taken, words] = address_words(part);
    return words >= 1 && words <= 6 && part.find_first_not_of(' ', taken) == std::string_view::npos;
}

// The part's leading address words when they end in a postcode or number and a sentence goes on
// after them ("Leeds LS1 4DJ in case that's relevant"): their length, else 0.
std::size_t address_head(std::string_view part) {
    auto [taken, words] = address_words(part);
    if (words == 0 || words > 6) return 0;
    std::string_view head = part.substr(0, taken);
    const std::size_t last = head.rfind(' ');
    const std::string_view last_word = last == std::string_view::npos ? head : head.substr(last + 1);
    if (count_digits(last_word) == 0) return 0;
    // A closing parenthesis the address did not open stays in the text: "(1 Main St, OR 97477)".
    if (last_word.back() == ')' && last_word.find('(') == std::string_view::npos) --taken;
    return taken;
}

// A part before the street line that belongs to the address: "Flat 2", "Unit 4", "The Old Forge",
// "4th Floor", "Westlands Business Centre".
bool is_address_prefix(std::string_view part) {
    if (!is_address_part(part)) return false;
    for (const std::string_view word : {"Flat", "Unit", "Apt", "Apartment", "Suite", "Plot", "Floor", "Building",
                                        "House", "Block", "Centre", "Center", "Tower", "Court", "Park", "The "})
        if (part.find(word) != std::string_view::npos) return true;
    return false;
}

struct AddressPatterns {
    std::unique_ptr<RE2> street_number_first, street_number_after, street_named;
    AddressPatterns() {
        const std::string suffixes =
            "(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Crescent|Cres|Row|Square|Sq|Way|Drive|Dr|Parkway|Pkwy|Place|"
            "Close|Court|Ct|Boulevard|Blvd|Terrace|Gardens|Grove|Mews|Walk|Highway|Hwy|Quay|Wharf|Broadway)";
        street_number_first = compile_pattern(
            R"(\b\d{1,5}[A-Za-z]?(?:/\d{1,4})?,?[ \t]+(?:(?:\p{Lu}[\pL'\-]*\.?[ \t]+){1,4})" + suffixes +
            R"(\b\.?|(?:rue|avenue|boulevard|bd|place|allée|chemin|impasse|quai|via|calle)(?:[ \t]+[\pL'\-]+){1,5}))");
        street_number_after = compile_pattern(
            R"(\b(?:\p{Lu}\pL*[ \t]+)?(?:\p{Lu}\pL*(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|gracht|laan|straat|kade|plein|singel|vej|gatan|vägen|gade)|(?:Calle|Avenida|Avda\.|Carrer|Paseo|Plaza|Rue|Via|Viale|Piazza|Corso|Rua|ul\.|al\.|Rehov|Ulica)(?:[ \t]+[\pL'\-.]+){1,4}?)[ \t]+\d{1,5}[a-z]?(?:/\d{1,5})?\b|\b\p{Lu}\pL+[ \t]+\d{1,5}/\d{1,5}\b)");
        street_named = compile_pattern(
            R"(\b(?:\p{Lu}[\pL'\-]+[ \t]+){1,3}(?:Street|Road|Lane|Avenue|Crescent|Square|Parkway|Business Park|Business Centre|Industrial Estate)\b)");
    }
};

const AddressPatterns& address_patterns() {
    static const AddressPatterns patterns;
    return patterns;
}

// The span of the address around a street line at [start, end), or {start, start} when the text
// there is not an address. `plain_street` (a street name without a house number) is taken only
// when the parts around it carry a number or postcode.
std::pair<std::size_t, std::size_t> grow_address(std::string_view text, std::size_t start, std::size_t end,
                                                 bool plain_street, bool needs_postcode) {
    const std::size_t line_start = text.rfind('\n', start) == std::string_view::npos ? 0 : text.rfind('\n', start) + 1;
    std::size_t line_end = text.find('\n', end);
    if (line_end == std::string_view::npos) line_end = text.size();
    // Forward: the rest of the street part ("St NE"), then each ", part" that reads as one.
    std::size_t stop = end;
    auto part_end = [&](std::size_t from) {
        std::size_t e = from;
        while (e < line_end && text[e] != ',' && text[e] != ';' &&
               !(text[e] == '.' && (e + 1 == line_end || text[e + 1] == ' ') && !after_abbreviation(text, e)))
            ++e;
        return e;
    };
    bool has_postcode_or_number = false, has_parts = false, ended = false;
    {
        const std::size_t e = part_end(stop);
        const std::string_view rest = text.substr(stop, e - stop);
        if (e > stop && is_address_part(rest)) {
            stop = e;
        } else if (const std::size_t head = address_head(rest); head > 0) {
            stop += head;
            ended = true;
        }
    }
    for (int parts = 0; !ended && parts < 6 && stop + 1 < line_end && text[stop] == ','; ++parts) {
        const std::size_t from = stop + 1, e = part_end(from);
        const std::string_view part = text.substr(from, e - from);
        if (!is_address_part(part)) {
            if (const std::size_t head = address_head(part); head > 0) {
                stop = from + head;
                has_parts = has_postcode_or_number = true;
            }
            break;
        }
        has_postcode_or_number = has_postcode_or_number || count_digits(part) > 0;
        has_parts = true;
        stop = e;
    }
    // Backward: a "Plot" or "Flat" glued to the number, then ", " parts that name the flat, unit
    // or building, as far back as their words read as address words.
    std::size_t begin = start;
    for (const std::string_view unit : {"Plot ", "Flat ", "Unit ", "Apt ", "Suite ", "No. "})
        if (begin >= line_start + unit.size() && text.substr(begin - unit.size(), unit.size()) == unit)
            begin -= unit.size();
    for (int parts = 0; parts < 3; ++parts) {
        std::size_t comma = begin;
        while (comma > line_start && text[comma - 1] == ' ') --comma;
        if (comma == line_start || text[comma - 1] != ',') break;
        --comma;
        std::size_t from = comma;
        for (int words = 0; words < 6; ++words) {
            std::size_t word = from;
            while (word > line_start && text[word - 1] == ' ') --word;
            std::size_t word_start = word;
            while (word_start > line_start && text[word_start - 1] != ' ' && text[word_start - 1] != ',' &&
                   text[word_start - 1] != ':' && text[word_start - 1] != ';' && text[word_start - 1] != '(')
                --word_start;
            if (word_start == word || !is_address_word(text.substr(word_start, word - word_start))) break;
            from = word_start;
        }
        const std::string_view part = text.substr(from, comma - from);
        if (part.empty() || !is_address_prefix(part)) break;
        has_postcode_or_number = has_postcode_or_number || count_digits(part) > 0;
        begin = from;
    }
    if (plain_street && !has_postcode_or_number) return {start, start};
    // A street named before its number ("Bahnhofstraße 27") is an address when a postcode or
    // town part follows: "Build 26100" and "Windows 11" are not streets.
    if (needs_postcode && !(has_parts && has_postcode_or_number)) return {start, start};
    return {begin, stop};
}

}  // namespace

void replace_postal_addresses(std::string& text) {
    const auto& p = address_patterns();
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    const re2::StringPiece input(text);
    re2::StringPiece match;
    const auto scan = [&](const RE2& pattern, bool plain_street, bool needs_parts) {
        std::size_t from = 0;
        while (from <= text.size() && pattern.Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
            const auto start = static_cast<std::size_t>(match.data() - text.data());
            const std::size_t end = start + match.size();
            const auto span = grow_address(text, start, end, plain_street, needs_parts);
            if (span.second > span.first) spans.push_back(span);
            from = std::max(end, next_code_point(text, start));
        }
    };
    scan(*p.street_number_first, false, false);
    scan(*p.street_number_after, false, true);
    scan(*p.street_named, true, false);
    if (spans.empty()) return;
    std::sort(spans.begin(), spans.end());
    std::string out;
    std::size_t copied = 0;
    for (const auto& [begin, end] : spans) {
        if (begin < copied) {  // overlaps the one before: merge
            if (end > copied) copied = end;
            continue;
        }
        out.append(text, copied, begin - copied);
        out.append("[address]");
        copied = end;
    }
    out.append(text, copied, std::string::npos);
    text = std::move(out);
}

}  // namespace kb
