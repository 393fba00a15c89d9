#include "indexer/text/pii_scrubber.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <re2/re2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "indexer/text/errors.h"
#include "indexer/text/identifier_checks.h"
#include "indexer/text/name_finder.h"

namespace kb {

// Every pattern runs on RE2, whose matching is linear in the text by design: no input, however
// long a run of letters or a pasted blob, can make a pass rescan it. RE2 has no look-around, so
// the few boundaries a pattern needs ("not inside a word") are checked in code around a match.

namespace {

constexpr std::array<std::string_view, 13> kPlaceholders{
    "[email]",   "[phone]",       "[id]",       "[ip]",          "[name]",         "[card]",       "[iban]",
    "[address]", "[national id]", "[passport]", "[product key]", "[order number]", "[case number]"};

// Words too common to treat as a name part even when they are part of a display name.
constexpr std::array<std::string_view, 24> kNotNameParts{
    "The",       "And",    "For",     "You",     "Your",  "Microsoft", "Support", "Team",
    "Admin",     "User",   "Office",  "Windows", "Help",  "Guest",     "Staff",   "Moderator",
    "Community", "Answer", "Outlook", "Teams",   "Excel", "Edge",      "Account", "Agent"};

std::unique_ptr<RE2> compile(const std::string& pattern) {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok()) throw Error("bad PII pattern (" + re->error() + "): " + pattern);
    return re;
}

// The code point before byte `at` and the one starting at it; -1 at either end of the text.
UChar32 code_point_before(std::string_view text, std::size_t at) {
    if (at == 0) return -1;
    auto i = static_cast<int32_t>(at);
    UChar32 c;
    U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
    return c;
}
UChar32 code_point_at(std::string_view text, std::size_t at) {
    if (at >= text.size()) return -1;
    auto i = static_cast<int32_t>(at);
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    return c;
}
std::size_t next_code_point(std::string_view text, std::size_t at) {
    if (at >= text.size()) return text.size() + 1;
    auto i = static_cast<int32_t>(at);
    U8_FWD_1(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()));
    return static_cast<std::size_t>(i);
}

bool is_letter_or_number(UChar32 c) { return c >= 0 && (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0; }
// What ICU's \w takes: letters, marks, digits, connector punctuation.
bool is_word_character(UChar32 c) {
    return c >= 0 && (u_isUAlphabetic(c) || (U_GET_GC_MASK(c) & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0);
}

// A match that does not stand inside a word: what (?<!\w)...(?!\w) said.
bool stands_alone(std::string_view text, std::size_t start, std::size_t end) {
    return !is_word_character(code_point_before(text, start)) && !is_word_character(code_point_at(text, end));
}

std::size_t count_digits(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

// The letters and digits of a candidate, separators dropped: what the check-digit rules read.
std::string compact(std::string_view s) {
    std::string out;
    for (const char c : s)
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out += c;
    return out;
}

// Lower-case ASCII copy of the `width` bytes before `at`, cut at a blank line: the paragraph a
// cue word must be in.
std::string paragraph_before(std::string_view text, std::size_t at, std::size_t width) {
    const std::size_t from = at > width ? at - width : 0;
    std::string window(text.substr(from, at - from));
    if (const auto blank = window.rfind("\n\n"); blank != std::string::npos) window.erase(0, blank + 2);
    std::transform(window.begin(), window.end(), window.begin(), [](unsigned char c) { return std::tolower(c); });
    return window;
}

bool looks_like_phone(std::string_view text, std::size_t start, std::size_t end) {
    // Not glued to a word, a number or a hyphenated code on either side.
    const UChar32 before = code_point_before(text, start);
    if (is_letter_or_number(before) || before == '-' || before == '.' || is_letter_or_number(code_point_at(text, end)))
        return false;
    std::string_view candidate = text.substr(start, end - start);
    // An extension ("x204", "ext. 12") is part of the number but not of its digit count.
    if (const auto x = candidate.find_first_of("xe"); x != std::string_view::npos) candidate = candidate.substr(0, x);
    while (!candidate.empty() && (candidate.back() == ' ' || candidate.back() == '\t')) candidate.remove_suffix(1);
    const std::size_t digits = count_digits(candidate);
    if (digits < 9 || digits > 15) return false;
    const auto separators =
        std::count_if(candidate.begin(), candidate.end(), [](char c) { return c == ' ' || c == '-'; });
    // A date ("2026-05-30 1234...") is not a phone number.
    if (candidate.size() >= 10 && candidate[4] == '-' && candidate[7] == '-') return false;
    const bool international = candidate.front() == '+' || candidate.starts_with("00");
    // National forms: a trunk 0 and one split, as the UK writes "07700 900123" and "020 7946 0321".
    const bool national = candidate.front() == '0' && separators >= 1 && digits >= 10 && digits <= 11;
    const bool dotted = candidate.find('.') != std::string_view::npos;
    if (dotted && !international) return false;  // versions and builds: "10.0.22631.3085"
    return international || national || candidate.find('(') != std::string_view::npos || separators >= 2;
}

// A number given after a phone cue ("my cell 555-0142"): seven digits are enough.
bool cued_phone(std::string_view token) {
    const auto x = token.find_first_of("xXeE");
    const std::size_t digits = count_digits(token.substr(0, x));
    return digits >= 7 && digits <= 15;
}

// A payment card number: 13 to 19 digits, alone or in groups split by one space or hyphen, that
// pass the Luhn check (ISO/IEC 7812), so a long order or build number is rarely taken for one.
bool looks_like_card(std::string_view text, std::size_t start, std::size_t end) {
    const UChar32 before = code_point_before(text, start);
    if (is_letter_or_number(before) || before == '-' || before == '.') return false;
    const UChar32 after = code_point_at(text, end);
    if (is_letter_or_number(after) || after == '-') return false;
    // Part of a version or a decimal ("4111111111111111.2").
    if (after == '.' && end + 1 < text.size() && text[end + 1] >= '0' && text[end + 1] <= '9') return false;
    const std::string digits = compact(text.substr(start, end - start));
    return digits.size() >= 13 && digits.size() <= 19 && identifier_checks::luhn(digits);
}

// An IBAN: country letters, two check digits and up to 30 letters and digits, written whole or in
// groups of four, whose ISO 13616 check (the number read base 36, mod 97) gives 1.
bool looks_like_iban(std::string_view text, std::size_t start, std::size_t end) {
    return stands_alone(text, start, end) && identifier_checks::iban(compact(text.substr(start, end - start)));
}

// A number of some country's national id shape whose check digits hold, standing on its own:
// not a piece of a longer number ("4716 8819 7369" of a card, "+49 ..." of a phone).
bool looks_like_national_id(std::string_view text, std::size_t start, std::size_t end) {
    const UChar32 before = code_point_before(text, start), after = code_point_at(text, end);
    if (is_word_character(before) || is_word_character(after) || before == '+' || before == '-' || after == '-')
        return false;
    if (before == ' ' && start >= 2 && std::isdigit(static_cast<unsigned char>(text[start - 2]))) return false;
    if (after == ' ' && end + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[end + 1]))) return false;
    const std::string_view candidate = text.substr(start, end - start);
    const std::string id = compact(candidate);
    namespace check = identifier_checks;
    if (id.size() == 9 && id[0] >= 'A') return check::uk_national_insurance(id) || check::spanish_dni(id);
    if (id.size() == 9 && id[8] >= 'A') return check::spanish_dni(id);
    if (candidate.size() == 11 && candidate[3] == '-' && candidate[6] == '-') return check::us_ssn(id);
    if (id.size() == 10 && (candidate[6] == '-' || candidate[6] == '+')) return check::swedish_personnummer(id);
    if (id.size() == 11) return check::polish_pesel(id) || check::german_tax_id(id);
    if (id.size() == 12) return check::aadhaar(id);
    return false;
}

// What follows a national id cue ("BSN", "Aadhaar:", "SSN"): any number with four digits or more.
bool cued_identifier(std::string_view token) { return count_digits(token) >= 4; }

// A reference after an order or case cue: four digits or more, and not a date.
bool cued_reference(std::string_view token) {
    if (token.size() == 10 && token[4] == '-' && token[7] == '-') return false;
    return count_digits(token) >= 4;
}

// A passport number named as one, or one of the usual shapes (a letter or two and 6 to 8 digits)
// in a paragraph that speaks of passports.
bool cued_passport(std::string_view token) { return count_digits(token) >= 2; }
bool passport_in_context(std::string_view text, std::size_t start, std::size_t end) {
    if (!stands_alone(text, start, end)) return false;
    const std::string context = paragraph_before(text, start, 240);
    for (const std::string_view word : {"passport", "reisepass", "paspoort", "passeport", "pasaporte"})
        if (context.find(word) != std::string::npos) return true;
    return false;
}

// A dotted quad that is a version, not an address: "Client 5.1.2.42", "version 10.0.1.2", "v1.2.3.4".
bool looks_like_ipv4(std::string_view text, std::size_t start, std::size_t) {
    const std::string before = paragraph_before(text, start, 24);
    if (!before.empty() && before.back() == 'v') return false;
    std::size_t word_end = before.find_last_not_of(" \t");
    if (word_end == std::string::npos) return true;
    const std::size_t word_start = before.find_last_of(" \t\n(", word_end);
    const std::string word = before.substr(word_start == std::string::npos ? 0 : word_start + 1,
                                           word_end + 1 - (word_start == std::string::npos ? 0 : word_start + 1));
    for (const std::string_view version_word :
         {"version", "ver", "ver.", "v", "build", "release", "client", "agent", "driver", "firmware", "update"})
        if (word == version_word) return false;
    return true;
}

// An address written to dodge filters: brackets round "at" or "dot", the words spelt out in
// capitals, or a local part with a separator ("jens.albrecht at example.de"). A plain "name at
// word.com" is left alone: "my account at contoso.com" is a sentence, not an address.
bool looks_like_obfuscated_email(std::string_view text, std::size_t start, std::size_t end) {
    if (!stands_alone(text, start, end)) return false;
    const std::string_view candidate = text.substr(start, end - start);
    if (candidate.find_first_of("[({<") != std::string_view::npos) return true;
    if (candidate.find(" AT ") != std::string_view::npos || candidate.find(" DOT ") != std::string_view::npos)
        return true;
    std::string lower(candidate);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.find(" dot ") != std::string::npos || lower.find(" punt ") != std::string::npos ||
        lower.find(" punkt ") != std::string::npos)
        return true;
    const std::size_t at = lower.find(' ');
    return lower.substr(0, at).find_first_of("._-0123456789") != std::string::npos;
}

// Five groups of five letters and digits, or four groups of four hex digits with a letter among
// them: four groups of digits alone are a card or phone number, for those passes to decide.
bool looks_like_product_key(std::string_view text, std::size_t start, std::size_t end) {
    const std::string_view key = text.substr(start, end - start);
    return key.size() == 29 || count_digits(key) < 16;
}

bool looks_like_mention_with_name(std::string_view text, std::size_t start, std::size_t end) {
    if (!stands_alone(text, start, end)) return false;
    const std::string_view match = text.substr(start, end - start);
    const std::size_t last = match.find_last_of(" \t");
    return !NameFinder::is_common_word(match.substr(last + 1));
}

bool always(std::string_view, std::size_t, std::size_t) { return true; }

// Replaces each match of `pattern` that `accept` takes with `with`. A refused match is retried
// one code point later, as a regex engine with look-around would; matches are short, so the
// whole pass stays linear.
void replace_matches(std::string& text, const RE2& pattern, std::string_view with,
                     bool (*accept)(std::string_view, std::size_t, std::size_t)) {
    std::string out;
    std::size_t copied = 0, from = 0;
    const re2::StringPiece input(text);
    re2::StringPiece match;
    while (from <= text.size() && pattern.Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
        const auto start = static_cast<std::size_t>(match.data() - text.data());
        const std::size_t end = start + match.size();
        if (match.empty() || !accept(text, start, end)) {
            from = next_code_point(text, start);
            continue;
        }
        out.append(text, copied, start - copied);
        out.append(with);
        copied = from = end;
    }
    if (copied == 0 && out.empty()) return;  // nothing replaced
    out.append(text, copied, std::string::npos);
    text = std::move(out);
}

// For the cued patterns, whose matches are "cue words (value)": replaces each captured value that
// `accept` takes with `with` and keeps the cue, which says what was there ("passport [passport]"
// reads as "order number [order number]" does).
void replace_captures(std::string& text, const RE2& pattern, std::string_view with,
                      bool (*accept)(std::string_view token)) {
    const int groups = pattern.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> match(static_cast<std::size_t>(groups));
    std::string out;
    std::size_t copied = 0, from = 0;
    const re2::StringPiece input(text);
    while (from <= text.size() && pattern.Match(input, from, text.size(), RE2::UNANCHORED, match.data(), groups)) {
        const auto start = static_cast<std::size_t>(match[0].data() - text.data());
        bool replaced = false;
        for (int g = 1; g < groups; ++g) {
            const re2::StringPiece& value = match[static_cast<std::size_t>(g)];
            if (value.data() == nullptr || value.empty()) continue;
            const auto value_start = static_cast<std::size_t>(value.data() - text.data());
            const std::size_t value_end = value_start + value.size();
            if (is_word_character(code_point_at(text, value_end)) ||
                !accept(std::string_view(text).substr(value_start, value.size())))
                continue;
            out.append(text, copied, value_start - copied);
            out.append(with);
            copied = value_end;
            replaced = true;
        }
        from = replaced ? copied : next_code_point(text, start);
    }
    if (copied == 0 && out.empty()) return;
    out.append(text, copied, std::string::npos);
    text = std::move(out);
}

// --- Postal addresses --------------------------------------------------------------------------
// A street line is found by pattern ("14 Hollybush Lane", "Bahnhofstraße 27", "Calle de Toledo
// 87"); the address is then grown over the comma-separated parts around it on the same line that
// read as address parts (flat, unit, town, county, postcode), and stops at the first part that
// reads as a sentence.

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
        street_number_first = compile(
            R"(\b\d{1,5}[A-Za-z]?(?:/\d{1,4})?,?[ \t]+(?:(?:\p{Lu}[\pL'\-]*\.?[ \t]+){1,4})" + suffixes +
            R"(\b\.?|(?:rue|avenue|boulevard|bd|place|allée|chemin|impasse|quai|via|calle)(?:[ \t]+[\pL'\-]+){1,5}))");
        street_number_after = compile(
            R"(\b(?:\p{Lu}\pL*[ \t]+)?(?:\p{Lu}\pL*(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|gracht|laan|straat|kade|plein|singel|vej|gatan|vägen|gade)|(?:Calle|Avenida|Avda\.|Carrer|Paseo|Plaza|Rue|Via|Viale|Piazza|Corso|Rua|ul\.|al\.|Rehov|Ulica)(?:[ \t]+[\pL'\-.]+){1,4}?)[ \t]+\d{1,5}[a-z]?(?:/\d{1,5})?\b|\b\p{Lu}\pL+[ \t]+\d{1,5}/\d{1,5}\b)");
        street_named = compile(
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

void replace_addresses(std::string& text) {
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

// Patterns every scrubber shares: compiled once, read concurrently (RE2 objects are thread-safe).
struct CommonPatterns {
    std::unique_ptr<RE2> marker_in_parens, marker, greeting, email, obfuscated_email, guid, iban, card, ipv4, ipv6,
        phone, cued_phone, mention, product_key, cued_passport, passport_shape, cued_national_id, national_id,
        cued_order, cued_case, greeting_with_name, sign_off_with_name, mention_with_name;
    CommonPatterns();
};

CommonPatterns::CommonPatterns() {
    auto& p = *this;
    const std::string redaction =
        R"((?:Moderator note:\s*)?(?:Personally Identifiable Information|Personal(?:ly)? (?:identifiable )?information|PII)[^\]\n]{0,40}\])";
    // A marker that stood in parentheses takes them along: "my account ([...]) and" reads "my
    // account and", not "my account () and".
    p.marker_in_parens = compile(R"((?i)[ \t]*\(\s*\[)" + redaction + R"(\s*\))");
    // The marker and the label it replaced the value of ("Request Id: [...]").
    p.marker = compile(R"((?im)(?:^[ \t]*\pL[\pL ]{0,30}:[ \t]*)?\[)" + redaction + R"([ \t]*)");
    // A salutation line: "Dear @Name,", "Hello @Last, First", "Hi all,", "Hello!". A line that
    // goes on into the question ("Hi I cannot sign in") is kept; its names go below.
    p.greeting = compile(
        R"((?im)^[ \t]*(?:Dear|Hi|Hello|Hey|Greetings|Good (?:morning|afternoon|evening))\b(?:[ \t,]*@[^\n,!]{1,60}(?:,[ \t]*[\pL\-']+)?[ \t]*[,!.]?|(?:[ \t,]+[\pL\pN'\-.]+){0,4}[ \t]*[,!]|[ \t]*[,!]?)[ \t]*$\n?)");
    // With its domain, or with the domain cut short by the writer ("farid@...", "farid.m@contoso…",
    // "farid@gmail"): the local part is usually a name, so any word@ counts as an address.
    p.email = compile(R"([\pL\pN._%+*\-]+@(?:[\pL\pN\-]+(?:\.[\pL\pN\-]+)*)?(?:\.*\x{2026}|\.{2,}|\*{2,})?)");
    // "adam dot kowalski at contoso dot com", "adam[at]contoso[dot]com", "x (at) y (dot) org", in
    // any case, and the Dutch and German words for the signs; looks_like_obfuscated_email decides.
    const std::string at =
        R"((?:[ \t]*[\[({<][ \t]*(?i:at|apenstaartje|klammeraffe)[ \t]*[\])}>][ \t]*|[ \t]+(?i:at|apenstaartje|klammeraffe)[ \t]+))";
    const std::string dot =
        R"((?:[ \t]*[\[({<][ \t]*(?i:dot|punt|punkt)[ \t]*[\])}>][ \t]*|[ \t]+(?i:dot|punt|punkt)[ \t]+|\.))";
    p.obfuscated_email = compile(R"([\pL\pN_%+\-]+(?:)" + dot + R"([\pL\pN_%+\-]+){0,3})" + at + R"([\pL\pN\-]+(?:)" +
                                 dot + R"([\pL\pN\-]+){1,3})");
    const std::string greeting_words =
        R"((?:Dear|Hi|Hello|Hey|Hallo|Hola|Bonjour|Greetings|Good (?:morning|afternoon|evening)))";
    p.greeting_with_name = compile(
        R"((?im)^[ \t]*)" + greeting_words +
        R"([ \t,]+(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?[ \t]+)?\[name\](?:[ \t]*(?:,|and|&)[ \t]*\[name\])*[ \t]*[,!.:;\-]*[ \t]*)");
    p.sign_off_with_name = compile(
        R"((?im)^[ \t]*(?:(?:Thanks|Thank you|Many thanks|Regards|Best regards|Kind regards|Warm regards|Best wishes|Best|Cheers|Sincerely|With thanks|With sympathy|Viele Grüße|Saludos)[ \t]*[,!.]?[ \t]*(?:\n[ \t]*)?)?\[name\][ \t]*[,.!]?[ \t]*(?:\n|$))");
    p.guid = compile(R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)");
    // Windows and Office keys (five groups of five) and the four-by-four hex keys of other vendors.
    p.product_key = compile(R"(\b[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}\b|\b[0-9A-F]{4}(?:-[0-9A-F]{4}){3}\b)");
    // Candidates only: the checks are in looks_like_iban and looks_like_card.
    p.iban = compile(R"([A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30})");
    p.card = compile(R"(\d(?:[ \-]?\d){12,18})");
    p.ipv4 = compile(R"(\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b)");
    p.ipv6 = compile(
        R"(\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b|\b(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}:){0,5}[0-9a-fA-F]{1,4}\b)");
    // Candidates only: the neighbours, digit counts and separators are checked in looks_like_phone.
    p.phone = compile(
        R"((?:\+|\b00)?(?:\(\d{1,4}\)[ \-.]?)?\d{1,5}(?:[ \-.]?\(0\)[ \-.]?\d{1,8})?(?:[ \-.]\(?\d{1,8}\)?){0,5}(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,5}\b)?)");
    p.cued_phone = compile(
        R"((?i:\b(?:cell|mobile|phone|telephone|tel|fax|landline|whatsapp|desk|call me|text me|reach me)\b)(?:[ \t]*(?:(?i:number|no\.?|is|on|at)\b|[:#.]))*[ \t]*(\+?\(?\d[\d \-.()]{5,18}\d(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,5})?))");
    // "@Jordan", and "@Armendariz, Erica" / "@Jane Holloway" when the next word is not an
    // English word ("@Jordan, Error 809..." keeps "Error"): looks_like_mention_with_name decides.
    p.mention_with_name = compile(R"(@[\pL\pN_.\-]+,?[ \t]\p{Lu}[\pL\-']*)");
    p.mention = compile(R"(@[\pL\pN_.\-]+)");
    const std::string filler =
        R"((?:[ \t]*(?:(?i:numbers?|no\.?|nr\.?|num|id|is|was|on|the|e-mail|email|of|for|reads|says)\b|[:#(,'"]))*[ \t]*#?)";
    const std::string reference = R"(([A-Z0-9][A-Z0-9\-]{3,30}[A-Z0-9]))";
    const std::string and_another =
        R"((?:(?:[ \t]*,|[ \t]+(?i:and|or))[ \t]+(?:(?i:order number)[ \t]+)?#?)" + reference + ")?";
    p.cued_order = compile(
        R"((?i:\b(?:order|invoice|receipt|subscription|purchase order|po|appointment|booking|registration|confirmation)\b))" +
        filler + reference + and_another);
    p.cued_case = compile(R"((?i:\b(?:ticket|case|request|incident|tracking ?id|reference|ref|sr)\b))" + filler +
                          reference + and_another);
    p.cued_passport = compile(
        R"((?i:\b(?:passport|reisepass|paspoort|passeport|pasaporte|passaporto)\b)(?:[ \t]*(?:(?i:numbers?|no\.?|nr\.?|is|was)\b|[:#(,]))*[ \t]*([A-Z0-9]{6,10}))");
    p.passport_shape = compile(R"(\b[A-Z]{1,2}\d{6,8}\b)");
    p.cued_national_id = compile(
        R"((?i:\b(?:ssn|social security(?: number)?|ni number|national insurance(?: number)?|nino|bsn|burgerservicenummer|sofinummer|dni|nie|nif|aadhaar|pesel|personnummer|steuer-?id|steuernummer|tax id|tin|personalausweis|id card|identity card|id number|national id)\b)(?:[ \t]*(?:(?i:numbers?|no\.?|nr\.?|is|was|of)\b|[:#(,]))*[ \t]*([A-Z0-9](?:[A-Z0-9]|[ \-][A-Z0-9]){4,20}))");
    // Shapes only, each decided by its check digits in looks_like_national_id: UK NI numbers, US
    // SSNs, Spanish DNI/NIE, Swedish personnummer, 11-digit PESEL / Steuer-ID, Aadhaar.
    p.national_id = compile(
        R"([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]|\d{3}-\d{2}-\d{4}|[XYZ]?\d{7,8}[A-Z]|\d{6}[\-+]\d{4}|\d{2} ?\d{3} ?\d{3} ?\d{3}|\d{4} ?\d{4} ?\d{4})");
}

const CommonPatterns& common_patterns() {
    static const CommonPatterns patterns;
    return patterns;
}

// A display name's parts: "Armendariz, Erica" -> {"Armendariz", "Erica"}.
std::vector<std::string> name_parts(std::string_view name) {
    std::vector<std::string> parts;
    std::string part;
    for (const char c : std::string(name) + " ") {
        if (c == ' ' || c == ',' || c == '\t') {
            if (!part.empty()) parts.push_back(std::move(part));
            part.clear();
        } else {
            part += c;
        }
    }
    return parts;
}

// "(?:a|b|c)" of the alternatives, longest first, so that leftmost-first matching takes the
// longest name at a place (RE2 cannot back off to a shorter one when the boundary check fails).
std::string alternation(std::vector<std::string> alternatives) {
    std::sort(alternatives.begin(), alternatives.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    alternatives.erase(std::unique(alternatives.begin(), alternatives.end()), alternatives.end());
    std::string out = "(?:";
    for (std::size_t i = 0; i < alternatives.size(); ++i) out += (i ? "|" : "") + alternatives[i];
    return out + ")";
}

}  // namespace

struct PiiScrubber::Patterns {
    std::unique_ptr<RE2> full_names;  // case-insensitive, whole names
    std::unique_ptr<RE2> name_parts;  // case-sensitive, capitalised parts
};

namespace {

// A name as it is also written without its accents: "Brandstätter" as "Brandstaetter" (German
// umlauts) and "Brandstatter", "José" as "Jose". Empty when the name is plain ASCII.
std::vector<std::string> ascii_spellings(const std::string& name) {
    if (std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return {};
    std::vector<std::string> out;
    std::string german;
    for (std::size_t i = 0; i < name.size(); ++i) {
        static const std::array<std::pair<std::string_view, std::string_view>, 7> kUmlauts{
            {{"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "Ae"}, {"Ö", "Oe"}, {"Ü", "Ue"}, {"ß", "ss"}}};
        bool replaced = false;
        for (const auto& [from, to] : kUmlauts)
            if (std::string_view(name).substr(i, from.size()) == from) {
                german += to;
                i += from.size() - 1;
                replaced = true;
                break;
            }
        if (!replaced) german += name[i];
    }
    if (german != name) out.push_back(german);
    // ICU's Latin-ASCII transliterator: not thread-safe, so one per thread.
    thread_local std::unique_ptr<icu::Transliterator> to_ascii = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(
            icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    if (to_ascii) {
        icu::UnicodeString text = icu::UnicodeString::fromUTF8(name);
        to_ascii->transliterate(text);
        std::string ascii;
        text.toUTF8String(ascii);
        if (ascii != name && ascii != german) out.push_back(ascii);
    }
    return out;
}

}  // namespace

PiiScrubber::PiiScrubber(std::vector<std::string> known_names, NameParts name_parts_wanted)
    : patterns_(std::make_unique<Patterns>()) {
    for (std::size_t i = 0, n = known_names.size(); i < n; ++i)
        for (std::string& spelling : ascii_spellings(known_names[i])) known_names.push_back(std::move(spelling));
    auto& p = *patterns_;
    // "Armendariz, Erica" is matched with any run of spaces, line breaks and commas between its
    // parts (pages wrap lines inside a name), and as
    // profile URLs and addresses write it: "ashish.ahire", "erica_armendariz".
    std::vector<std::string> full_alternatives, part_alternatives;
    for (const std::string& raw : known_names) {
        // A name is pattern text: ill-formed UTF-8 in it (a damaged page) becomes U+FFFD, as
        // ICU reads it, rather than a pattern RE2 refuses.
        std::string name;
        icu::UnicodeString::fromUTF8(raw).toUTF8String(name);
        const std::vector<std::string> parts = name_parts(name);
        if (parts.empty()) continue;
        std::string full;
        for (std::size_t i = 0; i < parts.size(); ++i) full += (i ? "[\\s,._\\-]+" : "") + RE2::QuoteMeta(parts[i]);
        full_alternatives.push_back(std::move(full));
        for (const std::string& candidate : parts) {
            if (name_parts_wanted == NameParts::Off) break;
            if (code_point_at(candidate, 0) < 0 || candidate.size() < 3) continue;
            if (std::find(kNotNameParts.begin(), kNotNameParts.end(), candidate) != kNotNameParts.end()) continue;
            // The part as written, and capitalised: "CAHOON" also as "Cahoon".
            icu::UnicodeString capitalised = icu::UnicodeString::fromUTF8(candidate);
            if (capitalised.countChar32() < 3) continue;
            capitalised.toLower();
            capitalised.replace(0, capitalised.moveIndex32(0, 1),
                                icu::UnicodeString(capitalised, 0, capitalised.moveIndex32(0, 1)).toUpper());
            std::string capitalised_utf8;
            capitalised.toUTF8String(capitalised_utf8);
            // And in capitals, as forms and passports print it: "BRANDSTAETTER".
            std::string upper_utf8;
            icu::UnicodeString::fromUTF8(candidate).toUpper().toUTF8String(upper_utf8);
            part_alternatives.push_back(RE2::QuoteMeta(candidate));
            part_alternatives.push_back(RE2::QuoteMeta(capitalised_utf8));
            part_alternatives.push_back(RE2::QuoteMeta(upper_utf8));
        }
    }
    if (!full_alternatives.empty()) {
        // A forum's every poster is a large alternation: RE2 gets the memory its automaton needs.
        RE2::Options options;
        options.set_log_errors(false);
        options.set_case_sensitive(false);
        options.set_max_mem(int64_t{1} << 30);
        p.full_names = std::make_unique<RE2>(alternation(std::move(full_alternatives)), options);
        if (!p.full_names->ok()) throw Error("bad name pattern: " + p.full_names->error());
    }
    if (!part_alternatives.empty()) p.name_parts = compile(alternation(std::move(part_alternatives)));
}

std::string PiiScrubber::scrub(std::string_view utf8) const {
    const auto& c = common_patterns();
    const auto& p = *patterns_;
    std::string text(utf8);
    replace_matches(text, *c.marker_in_parens, "", always);
    replace_matches(text, *c.marker, "", always);
    replace_matches(text, *c.greeting, "", always);
    replace_matches(text, *c.email, "[email]", always);
    replace_matches(text, *c.obfuscated_email, "[email]", looks_like_obfuscated_email);
    replace_matches(text, *c.mention_with_name, "[name]", looks_like_mention_with_name);
    replace_matches(text, *c.mention, "[name]", always);
    // Addresses before names and numbers: their street and town names are not people, their
    // postcodes and house numbers not phones or ids.
    replace_addresses(text);
    if (p.full_names) replace_matches(text, *p.full_names, "[name]", stands_alone);
    if (p.name_parts) replace_matches(text, *p.name_parts, "[name]", stands_alone);
    // A greeting or sign-off that held a name goes whole: "Hello [name], Error 809 means..."
    // reads "Error 809 means...", "Thanks,\n[name]" goes, as a name alone on its line does.
    replace_matches(text, *c.greeting_with_name, "", always);
    replace_matches(text, *c.sign_off_with_name, "", always);
    replace_matches(text, *c.guid, "[id]", always);
    replace_matches(text, *c.product_key, "[product key]", looks_like_product_key);
    // Cued values first: the cue says what a number is, which its shape alone cannot.
    replace_captures(text, *c.cued_passport, "[passport]", cued_passport);
    replace_matches(text, *c.passport_shape, "[passport]", passport_in_context);
    replace_captures(text, *c.cued_national_id, "[national id]", cued_identifier);
    replace_captures(text, *c.cued_order, "[order number]", cued_reference);
    replace_captures(text, *c.cued_case, "[case number]", cued_reference);
    replace_captures(text, *c.cued_phone, "[phone]", cued_phone);
    replace_matches(text, *c.iban, "[iban]", looks_like_iban);
    replace_matches(text, *c.card, "[card]", looks_like_card);
    replace_matches(text, *c.national_id, "[national id]", looks_like_national_id);
    replace_matches(text, *c.ipv6, "[ip]", always);
    replace_matches(text, *c.ipv4, "[ip]", looks_like_ipv4);
    replace_matches(text, *c.phone, "[phone]", looks_like_phone);
    return text;
}

std::string PiiScrubber::remove_names(std::string_view utf8) const {
    std::string text(utf8);
    if (patterns_->full_names) replace_matches(text, *patterns_->full_names, "[name]", stands_alone);
    if (patterns_->name_parts) replace_matches(text, *patterns_->name_parts, "[name]", stands_alone);
    return text;
}

PiiScrubber::~PiiScrubber() = default;
PiiScrubber::PiiScrubber(PiiScrubber&&) noexcept = default;
PiiScrubber& PiiScrubber::operator=(PiiScrubber&&) noexcept = default;

std::span<const std::string_view> PiiScrubber::placeholders() { return kPlaceholders; }

}  // namespace kb
