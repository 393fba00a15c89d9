#include "indexer/text/postal_addresses.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>
#include <unicode/uchar.h>

#include "indexer/text/name_finder.h"
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
         {"am", "an", "de", "del", "der", "des", "di", "da", "du", "la", "le", "los", "las", "of", "on", "upon", "im",
          "y", "e", "d", "van", "den", "bei", "na", "ul", "al",
          // Floor, door and staircase words of Spanish, Italian and Belgian addresses: "3º izda", "scala B".
          "izda", "izq", "dcha", "scala", "int", "piso", "bajo", "esc", "bis", "ter", "bus", "apto", "app", "m", "út",
          "utca", "-"})
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
    for (const std::string_view word :
         {"Flat",      "Unit",       "Apt",    "Apartment", "Suite",  "Plot",    "Floor",   "Building",
          "House",     "Block",      "Centre", "Center",    "Tower",  "Court",   "Park",    "The ",
          "Residency", "Apartments", "Villa",  "Heights",   "Towers", "Enclave", "Society", "Mansions"})
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

// Postcodes of the common countries. The distinctive shapes (UK, Canada, Ireland, the Netherlands,
// Poland, Portugal, Brazil, ZIP+4) may stand alone in their part; a run of 4 to 6 digits (most of
// Europe, the US, Australia, India) only beside its town or state.
struct Postcodes {
    std::unique_ptr<RE2> distinctive, numeric;
    Postcodes() {
        distinctive = compile_pattern(
            R"(\b(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|[AC-FHKNPRTV-Y]\d[\dW] ?[AC-FHKNPRTV-Y\d]{4}|\d{4} ?[A-Z]{2}|\d{2}-\d{3}|\d{4}-\d{3}|\d{5}-\d{3,4}|\d{3} \d{2})\b)");
        numeric = compile_pattern(R"(\b\d{4,6}\b)");
    }
};

const Postcodes& postcodes() {
    static const Postcodes patterns;
    return patterns;
}

// The words that introduce an address rather than belong to it: "Billing address: ...", "My
// address Flat 402, ...".
bool is_address_cue(std::string_view word) {
    while (!word.empty() && (word.back() == ':' || word.back() == '.')) word.remove_suffix(1);
    for (const std::string_view cue :
         {"Address", "Adresse",  "Anschrift", "Indirizzo", "Dirección", "Direccion", "Adres", "Adresa", "Endereço",
          "Billing", "Shipping", "Delivery",  "Postal",    "Mailing",   "Home",      "My",    "Our",    "At",
          "In",      "To",       "From",      "Ship",      "Send",      "Sent",      "Live",  "Lives",  "Moved",
          "Is",      "And",      "Or",        "The",       "New",       "Old"})
        if (word == cue) return true;
    return false;
}

// Whether byte `i` ends a part of an address: a comma, a line end, brackets, a colon or a
// sentence end.
bool ends_part(std::string_view text, std::size_t i) {
    const char c = text[i];
    if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '\n' || c == '"') return true;
    if (c != '.' || !(i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) return false;
    std::size_t word = i;
    while (word > 0 && std::isalpha(static_cast<unsigned char>(text[word - 1]))) --word;
    return !after_abbreviation(text, i) && !is_address_particle(text.substr(word, i - word));  // "int. 7"
}

// The start of the run of address words that ends at `end` (spaces before `end` skipped), going
// back no further than `floor`; `end` itself when the word there is not one.
std::size_t address_words_before(std::string_view text, std::size_t floor, std::size_t end) {
    std::size_t begin = end;
    for (int words = 0; words < 7; ++words) {
        std::size_t word_end = begin;
        while (word_end > floor && text[word_end - 1] == ' ') --word_end;
        std::size_t word_start = word_end;
        while (word_start > floor && text[word_start - 1] != ' ') --word_start;
        const std::string_view word = text.substr(word_start, word_end - word_start);
        if (word.empty() || !is_address_word(word) || is_address_cue(word)) break;
        begin = word_start;
    }
    return begin;
}

bool is_street_word(std::string_view word) {
    for (const std::string_view street :
         {"Street", "St",    "Road",      "Rd",      "Lane",    "Avenue", "Ave",   "Way",      "Drive",  "Place",
          "Close",  "Court", "Boulevard", "Terrace", "Gardens", "Grove",  "Calle", "Avenida",  "Carrer", "Paseo",
          "Plaza",  "Rue",   "Via",       "Viale",   "Piazza",  "Corso",  "Rua",   "Travessa", "Largo",  "ul",
          "al",     "Ulica", "Heol",      "Stryd",   "Sráid",   "Bóthar", "Ard",   "Nagar",    "Marg",   "Sector",
          "Block",  "Flat",  "Apt",       "Unit",    "Suite",   "House"})
        if (word == street) return true;
    for (const std::string_view ending :
         {"straße", "strasse", "str",  "weg",   "gasse",  "platz", "allee", "damm",  "gracht",
          "laan",   "straat",  "kade", "plein", "singel", "vej",   "gatan", "vägen", "gade",
          "beemd",  "dreef",   "hof",  "ring",  "utca",   "ulice", "cesta"})
        if (word.size() > ending.size() && word.substr(word.size() - ending.size()) == ending) return true;
    return false;
}

// One or two capitalised words that are neither English nor a product: "Tŷ Gwyn", "Rosedale".
bool is_house_name(std::string_view part) {
    int words = 0;
    for (std::size_t at = part.find_first_not_of(' '); at != std::string_view::npos && at < part.size();
         at = part.find_first_not_of(' ', at)) {
        std::size_t end = part.find(' ', at);
        if (end == std::string_view::npos) end = part.size();
        const std::string_view word = part.substr(at, end - at);
        if (++words > 2 || !u_isupper(code_point_at(word, 0)) || NameFinder::is_common_word(word) ||
            NameFinder::is_product_word(word))
            return false;
        at = end;
    }
    return words > 0;
}

// Whether the words of `part` carry a house number beside something that names a street: a
// street word ("Road No. 12", "Calle Easo 41") or a capitalised word that is not English
// ("Keizersbeemd 17"). "Version 2309" has neither.
bool names_a_street(std::string_view part) {
    bool number = false, street = false;
    for (std::size_t at = 0; at < part.size();) {
        std::size_t end = part.find(' ', at);
        if (end == std::string_view::npos) end = part.size();
        std::string_view word = part.substr(at, end - at);
        at = end + 1;
        while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.remove_suffix(1);
        if (word.empty()) continue;
        if (count_digits(word) > 0) {
            number = number || word.size() <= 7;
            continue;
        }
        street = street || is_street_word(word) ||
                 (u_isupper(code_point_at(word, 0)) && !NameFinder::is_common_word(word) &&
                  !NameFinder::is_product_word(word));
    }
    return number && street;
}

// The span of an address that ends in the postcode at [start, end), or {start, start}: the
// postcode's own part (town before or after it), up to six parts before it of which one names a
// street with a house number, and a region or country part or two after it.
std::pair<std::size_t, std::size_t> address_around_postcode(std::string_view text, std::size_t start, std::size_t end,
                                                            bool distinctive) {
    // Parts are short: looking no further than kPartBytes keeps the pass linear on a text with
    // many numbers and no commas.
    constexpr std::size_t kPartBytes = 80;
    const auto part_before = [&](std::size_t at) {
        const std::size_t floor = at > kPartBytes ? at - kPartBytes : 0;
        while (at > floor && !ends_part(text, at - 1)) --at;
        return at;
    };
    const auto part_after = [&](std::size_t at) {
        const std::size_t ceiling = std::min(text.size(), at + kPartBytes);
        while (at < ceiling && !ends_part(text, at)) ++at;
        return at;
    };
    const std::size_t part_start = part_before(start);
    const std::size_t part_end = part_after(end);
    const std::size_t town_start = address_words_before(text, part_start, start);
    const bool town_before = town_start < start;
    if (text.substr(part_start, town_start - part_start).find_first_not_of(' ') != std::string_view::npos)
        return {start, start};  // a sentence runs into the postcode
    // After it, in its part: the town ("31-159 Kraków", "40137 Bologna BO"), or nothing.
    const std::string_view after = text.substr(end, part_end - end);
    const auto [taken, words] = address_words(after);
    const bool town_after = words > 0 && u_isupper(code_point_at(after, after.find_first_not_of(' ')));
    std::size_t stop = end;
    if (town_after && words <= 4) {
        stop = end + taken;
    } else if (after.find_first_not_of(' ') != std::string_view::npos && !town_before) {
        return {start, start};
    }
    // A bare number is a postcode only beside its town or state, and a state or town written
    // before it is not an English word ("Telangana 500034", not "Version 2502").
    if (!distinctive && !town_before && !town_after) return {start, start};
    if (!distinctive && town_before && !town_after) {
        const std::string_view town = text.substr(town_start, start - town_start);
        const std::size_t last = town.find_last_not_of(' ');
        const std::size_t first = town.find_last_of(' ', last);
        const std::string_view word = town.substr(first == std::string_view::npos ? 0 : first + 1,
                                                  last - (first == std::string_view::npos ? 0 : first + 1) + 1);
        if (NameFinder::is_common_word(word)) return {start, start};
    }
    // Back over the parts before: each whole, or the tail of the first after its cue words.
    std::size_t begin = town_start;
    bool street = false;
    int parts = 0;
    for (; parts < 6; ++parts) {
        std::size_t separator = begin;
        while (separator > 0 && text[separator - 1] == ' ') --separator;
        if (separator == 0 || (text[separator - 1] != ',' && text[separator - 1] != '\n')) break;
        --separator;
        const std::size_t previous_start = part_before(separator);
        const std::size_t tail = address_words_before(text, previous_start, separator);
        if (tail == separator) break;
        const std::string_view part = text.substr(tail, separator - tail);
        // Before the street line: a flat, unit or building, or a house name ("Tŷ Gwyn"), not
        // the shop or company the address belongs to ("Minh Phát Computer, Bahnhofstraße 27").
        if (street && count_digits(part) == 0 && !is_address_prefix(part) && !is_house_name(part)) break;
        street = street || names_a_street(part);
        begin = tail;
        if (text.substr(previous_start, tail - previous_start).find_first_not_of(' ') != std::string_view::npos) {
            ++parts;
            break;
        }
    }
    if (parts == 0 || !street) return {start, start};
    // Forward: a region or a country ("Gipuzkoa", "Co. Cork", "Germany"), a part or two.
    for (int more = 0; more < 2 && stop < text.size() && text[stop] == ','; ++more) {
        const std::size_t e = part_after(stop + 1);
        const std::string_view part = text.substr(stop + 1, e - stop - 1);
        const auto [part_taken, part_words] = address_words(part);
        if (part_words == 0 || part_words > 3 || part.find_first_not_of(' ', part_taken) != std::string_view::npos ||
            count_digits(part) > 0)
            break;
        stop = e;
    }
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
    for (const bool distinctive : {true, false}) {
        const RE2& pattern = distinctive ? *postcodes().distinctive : *postcodes().numeric;
        std::size_t from = 0;
        while (from <= text.size() && pattern.Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
            const auto start = static_cast<std::size_t>(match.data() - text.data());
            const std::size_t end = start + match.size();
            const auto span = address_around_postcode(text, start, end, distinctive);
            if (span.second > span.first) spans.push_back(span);
            from = std::max(end, next_code_point(text, start));
        }
    }
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
