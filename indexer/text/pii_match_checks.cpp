#include "indexer/text/pii_match_checks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "indexer/text/identifier_checks.h"
#include "indexer/text/name_finder.h"
#include "indexer/text/text_scan.h"

namespace kb::pii_match_checks {

using namespace text_scan;

namespace {

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

// Whether text[at] is inside a URL's path or query ("/JiveServlet/showImage/2-16066077-737370/",
// "?id=4111111111111111"): the numbers there are the site's, not a phone or a card. A "tel:" or
// WhatsApp link ("wa.me/447700900123") names a phone all the same.
bool inside_url_path(std::string_view text, std::size_t at) {
    if (at == 0 || (text[at - 1] != '/' && text[at - 1] != '=' && text[at - 1] != '-')) return false;
    // The token back to a space or an opening bracket; a line break inside it is the page's
    // wrapping ("http://scn.sap.com/servlet/Jive\nServlet/showImage/2-...").
    const auto wrapped = [&](std::size_t i) {
        return text[i] == '\n' && i > 0 && i + 1 < text.size() &&
               !std::isspace(static_cast<unsigned char>(text[i - 1])) &&
               !std::isspace(static_cast<unsigned char>(text[i + 1]));
    };
    std::size_t token = at;
    while (token > 0 && at - token < 400 &&
           (!std::isspace(static_cast<unsigned char>(text[token - 1])) || wrapped(token - 1)) &&
           text[token - 1] != '(' && text[token - 1] != '"' && text[token - 1] != '<' && text[token - 1] != '[')
        --token;
    const std::string url = paragraph_before(text, at, at - token);
    if (url.find("wa.me") != std::string::npos || url.find("tel:") != std::string::npos) return false;
    const std::size_t scheme = url.find("://");
    // A link with its scheme, or a site-relative path ("](/servlet/JiveServlet/showImage/2-...").
    return (scheme != std::string::npos && url.find('/', scheme + 3) != std::string::npos) ||
           (text[at - 1] == '/' && std::count(url.begin(), url.end(), '/') >= 3);
}

// Whether a path goes on right after text[at]: "2-15974628-709197/SQL_Case.png)" is an image's
// folder in a link the page wrapped before it, not a phone or a card. A second number after the
// slash ("0958/0959", another line) leaves it a phone.
bool path_follows(std::string_view text, std::size_t at) {
    if (at >= text.size() || text[at] != '/') return false;
    for (std::size_t i = at + 1; i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])); ++i) {
        if (text[i] == ')' || text[i] == ']') break;
        if (std::isalpha(static_cast<unsigned char>(text[i]))) return true;
    }
    return false;
}

// The digit groups of a candidate, split at spaces, hyphens, dots and brackets.
std::vector<std::string_view> digit_groups(std::string_view candidate) {
    std::vector<std::string_view> groups;
    std::size_t from = 0;
    for (std::size_t i = 0; i <= candidate.size(); ++i) {
        if (i < candidate.size() && std::isdigit(static_cast<unsigned char>(candidate[i]))) continue;
        if (i > from) groups.push_back(candidate.substr(from, i - from));
        from = i + 1;
    }
    return groups;
}

// "2013 12 06 12" of a log line: a year, a month and a day, not a phone.
bool starts_with_date(const std::vector<std::string_view>& groups) {
    if (groups.size() < 3 || groups[0].size() != 4 || groups[1].size() != 2 || groups[2].size() != 2) return false;
    const int year = std::stoi(std::string(groups[0])), month = std::stoi(std::string(groups[1])),
              day = std::stoi(std::string(groups[2]));
    return year >= 1970 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Words that name an institution at the end of its name ("Doha Chiropractic Center", "Australian
// Embassy", "Karate Academy"): a number given as its "Tel:" is the institution's.
constexpr auto kInstitutionNouns = std::to_array<std::string_view>(
    {"embassy", "consulate", "academy", "school", "college", "university", "hospital", "clinic", "center", "centre",
     "factory", "gallery", "hotel", "restaurant", "services", "wll", "w.l.l", "w.l.l."});

// A "Tel:" or "Fax:" number in a paragraph that names an institution before it, with nobody's own
// number cued ("call me", "my mobile", a person's "cell"): "Qatar Pest Control Services Tel:
// 44355737", "Embassy ... Tel: +971 2 401 7500 Fax: ...". A number of a person at a company
// ("Woodgrove Bank ... T:", "the office line", "the hotline") is not of this shape and goes.
bool institution_number(std::string_view text, std::size_t start) {
    // The paragraph before the number: a signature block puts the name a line above ("Doha
    // Chiropractic Center, on D-Ring Road\ntelephone number: 4650012").
    std::size_t line = start > 240 ? start - 240 : 0;
    if (const std::size_t blank = text.substr(line, start - line).rfind("\n\n"); blank != std::string_view::npos)
        line += blank + 2;
    std::string before(text.substr(line, start - line));
    std::transform(before.begin(), before.end(), before.begin(), [](unsigned char c) { return std::tolower(c); });
    // The cue right before the number: "tel", "fax", "phone", "telephone".
    std::string cue;
    for (std::size_t to = before.size(), words = 0; words < 2; ++words) {
        const std::size_t cue_end = before.find_last_not_of(" \t\n:#.", to == 0 ? 0 : to - 1);
        if (cue_end == std::string::npos || to == 0) return false;
        std::size_t cue_start = before.find_last_of(" \t\n;,.:", cue_end);
        cue_start = cue_start == std::string::npos ? 0 : cue_start + 1;
        cue = before.substr(cue_start, cue_end + 1 - cue_start);
        if (cue != "number" && cue != "no") break;  // "telephone number:", "Tel No."
        to = cue_start;
    }
    if (cue != "tel" && cue != "fax" && cue != "phone" && cue != "telephone" && cue != "tel/fax") return false;
    // A person's signature above it ("[name]\nAcademy Director\n...Tel:", "Dr. Norman\n... Clinic",
    // a job title) makes it that person's work number.
    for (const std::string_view person :
         {"[name]", "dr.", "dr ", "mr.", "mr ", "mrs", "ms.", "ms ", "director", "manager", "officer", "coordinator",
          "consultant", "engineer", "executive", "owner"})
        if (before.find(person) != std::string::npos) return false;
    // Someone's own number on the number's line: "call me", "my mobile", "his cell".
    const std::size_t own_line = before.rfind('\n');
    const std::string own_text = " " + before.substr(own_line == std::string::npos ? 0 : own_line + 1);
    for (const std::string_view own : {" me ", " my ", " me:", "mobile", "cell", "whatsapp", " his ", " her "})
        if (own_text.find(own) != std::string::npos) return false;
    // An institution's noun capitalised in the text, as its name writes it.
    const std::string_view original = text.substr(line, start - line);
    for (const std::string_view noun : kInstitutionNouns) {
        for (std::size_t at = before.find(noun); at != std::string::npos; at = before.find(noun, at + 1)) {
            const bool word_start = at == 0 || !std::isalpha(static_cast<unsigned char>(before[at - 1]));
            const std::size_t end = at + noun.size();
            const bool word_end = end >= before.size() || !std::isalpha(static_cast<unsigned char>(before[end]));
            if (word_start && word_end && std::isupper(static_cast<unsigned char>(original[at]))) return true;
        }
    }
    return false;
}

}  // namespace

bool looks_like_phone(std::string_view text, std::size_t start, std::size_t end) {
    // Not glued to a word, a number or a hyphenated code on either side.
    const UChar32 before = code_point_before(text, start);
    // After a '+': the number with its plus was refused, and is not taken without it.
    if (is_letter_or_number(before) || before == '-' || before == '.' || before == '+' ||
        is_letter_or_number(code_point_at(text, end)))
        return false;
    if (inside_url_path(text, start) || path_follows(text, end)) return false;
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
    // Columns of a dump or a log ("75 0 73 0 65 0", "4 0 2013-06-25 21"): no phone splits off
    // two lone digits; and a date with its hour ("2013 12 06 12").
    const std::vector<std::string_view> groups = digit_groups(candidate);
    if ((!groups.empty() &&
         std::count_if(groups.begin() + 1, groups.end(), [](std::string_view g) { return g.size() == 1; }) >= 2) ||
        starts_with_date(groups))
        return false;
    if (institution_number(text, start)) return false;
    const bool international = candidate.front() == '+' || candidate.starts_with("00");
    // National forms: a trunk 0 and one split, as the UK writes "07700 900123" and "020 7946 0321".
    const bool national = candidate.front() == '0' && separators >= 1 && digits >= 10 && digits <= 11;
    const bool dotted = candidate.find('.') != std::string_view::npos;
    if (dotted && !international) return false;  // versions and builds: "10.0.22631.3085"
    return international || national || candidate.find('(') != std::string_view::npos || separators >= 2;
}

bool cued_phone_in_context(std::string_view text, std::size_t start, std::size_t end) {
    return cued_phone(text.substr(start, end - start)) && !institution_number(text, start);
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
    if (is_letter_or_number(after) || after == '-' || inside_url_path(text, start) || path_follows(text, end))
        return false;
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
    // A file name's underscores separate ("Lohnausweis_756.7884.6226.96_2024.pdf").
    if ((is_word_character(before) && before != '_') || (is_word_character(after) && after != '_') || before == '+' ||
        before == '-' || after == '-')
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
    if (id.size() == 11 && candidate.size() == 14 && candidate[3] == '.') return check::brazilian_cpf(id);
    if (id.size() == 11 && candidate.size() == 15 && candidate[2] == '.') return check::belgian_national_number(id);
    if (id.size() == 11) return check::polish_pesel(id) || check::german_tax_id(id);
    if (id.size() == 15) return check::french_nir(id);
    if (id.size() == 10 && candidate[6] == '/') return check::czech_birth_number(id);
    if (id.size() == 13 && candidate[3] == '.') return check::swiss_ahv(id);
    if (id.size() == 12 && candidate[8] == '-') return check::swedish_personnummer(id.substr(2));
    if (id.size() == 16) return check::italian_codice_fiscale(id);
    if (id.size() == 12) return check::aadhaar(id);
    return false;
}

// A number of the shape and check digits of an id that the paragraph names ("BSN" in a table's
// header, "PPSN", "kimlik"): nine digits alone are too common to take on their check digits.
bool national_id_in_context(std::string_view text, std::size_t start, std::size_t end) {
    if (!stands_alone(text, start, end)) return false;
    const std::string id = compact(text.substr(start, end - start));
    const std::string context = paragraph_before(text, start, 400);
    const auto named = [&](std::initializer_list<std::string_view> words) {
        return std::any_of(words.begin(), words.end(),
                           [&](std::string_view w) { return context.find(w) != std::string::npos; });
    };
    namespace check = identifier_checks;
    if (id.size() == 9 && std::isdigit(static_cast<unsigned char>(id[8])))
        return (named({"bsn", "burgerservice", "sofinummer"}) && check::dutch_bsn(id)) ||
               (named({"nif", "contribuinte"}) && check::portuguese_nif(id)) ||
               (named({"tfn", "tax file"}) && check::australian_tfn(id)) ||
               (named({"sin", "social insurance", "nas"}) && check::canadian_sin(id));
    if (id.size() == 8 || id.size() == 9) return named({"ppsn", "pps number", "pps no"}) && check::irish_ppsn(id);
    if (id.size() == 11) return named({"kimlik", "t.c.", "tckn"}) && check::turkish_identity(id);
    if (id.size() == 10)
        return named({"adóazonosító", "adoazonosito", "adóazonosító jel"}) && check::hungarian_tax_id(id);
    return false;
}

// What follows a national id cue ("BSN", "Aadhaar:", "SSN"): any number with four digits or more.
bool cued_identifier(std::string_view token) { return count_digits(token) >= 4; }

// A reference after an order or case cue: four digits or more, and not a date.
bool cued_reference(std::string_view token) {
    if (token.size() == 10 &&
        ((token[4] == token[7] && (token[4] == '-' || token[4] == '/')) || (token[2] == '/' && token[5] == '/')))
        return false;
    return count_digits(token) >= 4;
}

// A reference-shaped token that is not a standard's or an advisory's id ("CVE-2024-21412",
// "ISO-27001", "MS17-010") nor an error code ("ERR-000123"), with six digits or more.
bool looks_like_reference(std::string_view text, std::size_t start, std::size_t end) {
    if (!stands_alone(text, start, end)) return false;
    const std::string_view token = text.substr(start, end - start);
    const std::string_view prefix = token.substr(0, token.find('-'));
    for (const std::string_view standard :
         {"CVE", "CWE", "KB",   "MS",    "ISO",  "RFC",   "EN", "DIN",  "IEC",  "GHSA", "MSRC",
          "ADV", "SHA", "TLS",  "UTF",   "ANSI", "NIST",  "SP", "IEEE", "ECMA", "BS",   "NF",
          "UNE", "EU",  "GDPR", "DSGVO", "ERR",  "ERROR", "EC", "CODE", "SEC",  "EVT",  "ID"})
        if (prefix == standard) return false;
    return count_digits(token) >= 6;
}

// A key or serial after its cue: long and of letters and digits, or in groups with digits; not
// a KB article or an error name ("key KB5034441"), nor a bare number.
bool cued_key(std::string_view token) {
    const std::size_t digits = count_digits(token);
    const bool hyphenated = token.find('-') != std::string_view::npos;
    const bool has_letters = std::any_of(token.begin(), token.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    return (has_letters && digits >= 2 && token.size() >= 16) || (hyphenated && digits >= 6);
}

// What follows a bare "number": a reference only when it has letters and six digits or more.
bool lettered_reference(std::string_view token) {
    return count_digits(token) >= 6 &&
           std::any_of(token.begin(), token.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
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

// A dotted quad that is a version, not an address: "Client 5.1.2.42", "version 10.0.1.2", "v1.2.3.4";
// nor a network ("192.168.50.0/24") or a netmask ("255.255.255.0"), which are configuration.
bool looks_like_ipv4(std::string_view text, std::size_t start, std::size_t end) {
    if (end + 1 < text.size() && text[end] == '/' && std::isdigit(static_cast<unsigned char>(text[end + 1])))
        return false;
    if (text.substr(start, 4) == "255.") return false;
    // The machine itself ("127.0.0.1", "0.0.0.0"), not a host anyone else can reach.
    if (text.substr(start, 4) == "127." || text.substr(start, end - start) == "0.0.0.0") return false;
    // "7.1.0.185 version of VE Author", "4.0.0.0 build".
    {
        std::size_t at = end;
        while (at < text.size() && text[at] == ' ') ++at;
        std::string next;
        while (at < text.size() && std::isalpha(static_cast<unsigned char>(text[at])))
            next += static_cast<char>(std::tolower(static_cast<unsigned char>(text[at++])));
        if (at > end && (next == "version" || next == "build" || next == "release")) return false;
    }
    const std::string before = paragraph_before(text, start, 24);
    if (!before.empty() && before.back() == 'v') return false;
    std::size_t word_end = before.find_last_not_of(" \t");
    if (word_end == std::string::npos) return true;
    const std::size_t word_start = before.find_last_of(" \t\n(", word_end);
    std::string word = before.substr(word_start == std::string::npos ? 0 : word_start + 1,
                                     word_end + 1 - (word_start == std::string::npos ? 0 : word_start + 1));
    // "Assembly Version: 4.0.0.0", "Win32 Version: 8.0.1.0".
    if (word.size() > 1 && word.back() == ':') word.pop_back();
    for (const std::string_view version_word : {"version", "ver", "ver.", "v", "build", "release", "client", "agent",
                                                "driver", "firmware", "update", "sp", "patch", "pl"})
        if (word == version_word) return false;
    // After a product's name: its version ("Sybase 16.0.0.481"), or the address its maker ships
    // every device with ("Linksys 192.168.1.1").
    return !NameFinder::is_trade_word(word);
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
    // A spelt-out "dot" in some language, or an "at" word that is not also an English word.
    for (const std::string_view word :
         {" dot ",        " punt ",    " punkt ",     " point ", " punto ",   " tečka ",       " tecka ",
          " kropka ",     " pont ",    " piste ",     " prikk ", " nokta ",   " arobase ",     " arroba ",
          " chiocciola ", " zavináč ", " snabel-a ",  " małpa ", " kukac ",   " klammeraffe ", " apenstaartje ",
          " ät ",         " arobas ",  " krøllalfa ", " ponto ", " punktum ", " @ ",           "_at_",
          "[et]",         "(et)",      "[atmark]"})
        if (lower.find(word) != std::string::npos) return true;
    const std::size_t at = lower.find(' ');
    return lower.substr(0, at).find_first_of("._-0123456789") != std::string::npos;
}

// Five groups of five letters and digits, four groups of four hex digits with a letter among
// them, six groups of four digits; three by five or four by four and five by four of letters and
// digits when two groups mix both ("33V8A-RT3H6-4BXAS", not "ABCDE-FGHIJ-KLMNO" nor
// "TEST-CASE-2024-ALPHA"). Four groups of digits alone are a card or phone number, for those
// passes to decide.
bool looks_like_product_key(std::string_view text, std::size_t start, std::size_t end) {
    if (!stands_alone(text, start, end)) return false;
    const std::string_view key = text.substr(start, end - start);
    // "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX": the stand-in every guide writes for a key.
    if (key.find_first_not_of("X-") == std::string_view::npos) return false;
    if (key.size() == 29) return true;  // 5x5, 6x4 digits
    int mixed_groups = 0;
    bool all_hex = true;
    for (std::size_t from = 0; from < key.size();) {
        std::size_t to = key.find('-', from);
        if (to == std::string_view::npos) to = key.size();
        const std::string_view group = key.substr(from, to - from);
        const std::size_t digits = count_digits(group);
        if (digits > 0 && digits < group.size()) ++mixed_groups;
        all_hex = all_hex && group.find_first_not_of("0123456789ABCDEF") == std::string_view::npos;
        from = to + 1;
    }
    if (key.size() == 19 && all_hex) return count_digits(key) < 16;
    return mixed_groups >= 2;
}

namespace {

// "user@contoso.com" kept as an example address holds no "@contoso" mention.
bool after_local_part(std::string_view text, std::size_t start) {
    const UChar32 before = code_point_before(text, start);
    return is_letter_or_number(before) || (before >= 0 && before < 0x80 && std::strchr("._%+*-", before) != nullptr);
}

// An annotation or a decorator is called: "@Column(nullable=false)", "@GetMapping("/x")".
bool annotation(std::string_view text, std::size_t end) { return end < text.size() && text[end] == '('; }

}  // namespace

bool looks_like_mention(std::string_view text, std::size_t start, std::size_t end) {
    return !after_local_part(text, start) && !annotation(text, end);
}

bool looks_like_mention_with_name(std::string_view text, std::size_t start, std::size_t end) {
    if (!stands_alone(text, start, end) || after_local_part(text, start)) return false;
    const std::string_view match = text.substr(start, end - start);
    const std::size_t last = match.find_last_of(" \t");
    return !NameFinder::is_common_word(match.substr(last + 1));
}

namespace {

// Microsoft's first-party application and resource ids, public in its documentation and in every
// tenant's sign-in logs: what an AADSTS error names as the app or the resource signed in to.
constexpr auto kWellKnownApplicationIds = std::to_array<std::string_view>({
    "00000002-0000-0ff1-ce00-000000000000",  // Office 365 Exchange Online
    "00000003-0000-0ff1-ce00-000000000000",  // Office 365 SharePoint Online
    "00000004-0000-0ff1-ce00-000000000000",  // Skype for Business Online
    "00000003-0000-0000-c000-000000000000",  // Microsoft Graph
    "00000002-0000-0000-c000-000000000000",  // Azure AD Graph
    "00000007-0000-0000-c000-000000000000",  // Dynamics CRM
    "0000000a-0000-0000-c000-000000000000",  // Microsoft Intune
    "1b730954-1685-4b74-9bfd-dac224a7b894",  // Azure Active Directory PowerShell
    "1950a258-227b-4e31-a9cf-717495945fc2",  // Microsoft Azure PowerShell
    "04b07795-8ddb-461a-bbee-02f9e1bf7b46",  // Microsoft Azure CLI
    "d3590ed6-52b3-4102-aeff-aad2292ab01c",  // Microsoft Office
    "1fec8e78-bce4-4aaf-ab1b-5451cc387264",  // Microsoft Teams
    "5e3ce6c0-2b1f-4285-8d4b-75ee78787346",  // Microsoft Teams web client
    "29d9ed98-a469-4536-ade2-f981bc1d605e",  // Microsoft Authentication Broker
    "797f4846-ba00-4fd7-ba43-dac1f8f63013",  // Windows Azure Service Management API
    "c44b4083-3bb0-49c1-b47d-974e53cbdf3c",  // Azure portal
    "de8bc8b5-d9f9-48b1-a8ad-b748da725064",  // Graph Explorer
    "14d82eec-204b-4c2f-b7e8-296a70dab67e",  // Microsoft Graph Command Line Tools
    "27922004-5251-4030-b22d-91ecd9a37ea4",  // Outlook Mobile
    "ab9b8c07-8f02-4f72-87fa-80105867a763",  // OneDrive SyncEngine
    "9ba1a5c7-f17a-4de9-a1f1-6178c8d51223",  // Microsoft Intune Company Portal
    "4765445b-32c6-49b0-83e6-1d93765276ca",  // OfficeHome
    "00b41c95-dab0-4487-9791-b9d2c32c80f2",  // Office 365 Management
    "fb78d390-0c51-40cd-8e17-fdbfab77341b",  // Microsoft Exchange REST API Based PowerShell
    "a0c73c16-a7e3-4564-9a95-2bdf47383716",  // Microsoft Exchange Online Remote PowerShell
});

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// The first word inside the parentheses right after `at` ("'(Microsoft Teams)", " (Azure CLI)").
std::string_view parenthesised_word_after(std::string_view text, std::size_t at) {
    while (at < text.size() && (text[at] == '\'' || text[at] == '"' || text[at] == ' ')) ++at;
    if (at >= text.size() || text[at] != '(') return {};
    const std::size_t from = at + 1;
    std::size_t to = from;
    while (to < text.size() && std::isalnum(static_cast<unsigned char>(text[to]))) ++to;
    return text.substr(from, to - from);
}

// Domains kept for examples: RFC 2606's, Microsoft's fictitious companies, and the stand-ins
// documentation writes for "your own domain".
constexpr auto kExampleDomains = std::to_array<std::string_view>({"example.com",
                                                                  "example.org",
                                                                  "example.net",
                                                                  "contoso.com",
                                                                  "fabrikam.com",
                                                                  "northwindtraders.com",
                                                                  "adventure-works.com",
                                                                  "litwareinc.com",
                                                                  "tailspintoys.com",
                                                                  "wingtiptoys.com",
                                                                  "woodgrovebank.com",
                                                                  "proseware.com",
                                                                  "adatum.com",
                                                                  "yourcompany.com",
                                                                  "yourdomain.com",
                                                                  "company.com",
                                                                  "domain.com",
                                                                  "mycompany.com",
                                                                  "mydomain.com",
                                                                  "yourorg.com",
                                                                  "yourorganization.com",
                                                                  "yourtenant.onmicrosoft.com",
                                                                  "contoso.onmicrosoft.com",
                                                                  "fabrikam.onmicrosoft.com",
                                                                  "tenant.onmicrosoft.com"});

// Local parts that stand for "an address" in examples. A mailbox's own name is not one:
// "scanner@tailspintoys.com" or "support@keyshop-fabrikam.example" reach someone.
constexpr auto kExampleLocalParts = std::to_array<std::string_view>(
    {"user",  "username",  "someone", "somebody", "name",    "yourname", "firstname", "lastname", "first", "last",
     "email", "youremail", "your",    "my",       "you",     "me",       "admin",     "alias",    "test",  "testuser",
     "john",  "jane",      "doe",     "jdoe",     "johndoe", "janedoe",  "x",         "xxx",      "abc"});

bool example_domain(std::string_view domain) {
    if (domain.ends_with(".example")) return true;
    return std::any_of(kExampleDomains.begin(), kExampleDomains.end(), [&](std::string_view d) {
        return domain == d || (domain.ends_with(d) && domain[domain.size() - d.size() - 1] == '.');
    });
}

// "user", "firstname.lastname", "user2", "your.name": every part an example word.
bool example_local_part(std::string_view local) {
    for (std::size_t from = 0; from <= local.size();) {
        const std::size_t to = std::min(local.find_first_of("._-", from), local.size());
        std::string_view part = local.substr(from, to - from);
        while (!part.empty() && std::isdigit(static_cast<unsigned char>(part.back()))) part.remove_suffix(1);
        if (std::find(kExampleLocalParts.begin(), kExampleLocalParts.end(), part) == kExampleLocalParts.end())
            return false;
        from = to + 1;
    }
    return true;
}

}  // namespace

bool looks_like_personal_guid(std::string_view text, std::size_t start, std::size_t end) {
    const std::string guid = ascii_lower(text.substr(start, end - start));
    if (std::find(kWellKnownApplicationIds.begin(), kWellKnownApplicationIds.end(), guid) !=
        kWellKnownApplicationIds.end())
        return false;
    // A random (version 4) id spreads its 32 digits over all 16; one digit filling half of them is
    // a reserved resource id ("00000003-0000-0000-c000-000000000000") or an example.
    std::array<int, 128> counts{};
    for (const char c : guid) ++counts[static_cast<unsigned char>(c) & 0x7F];
    for (const char c : std::string_view("0123456789abcdef"))
        if (counts[static_cast<unsigned char>(c)] >= 16) return false;
    // A document's id in a link's path ("/docs/library/uuid/f0efbaca-45ba-..."): the site's page.
    if (start >= 5 && ascii_lower(text.substr(start - 5, 5)) == "uuid/") return false;
    // The error names the application: "'1fec8e78-...'(Microsoft Teams)".
    const std::string_view named = parenthesised_word_after(text, end);
    return named.empty() || !NameFinder::is_product_word(named);
}

bool looks_like_personal_email(std::string_view text, std::size_t start, std::size_t end) {
    // A match inside a local part is the pass retrying an address it refused.
    if (after_local_part(text, start)) return false;
    const std::string_view address = text.substr(start, end - start);
    const std::size_t at = address.find('@');
    if (at == std::string_view::npos) return true;
    const std::string_view local = address.substr(0, at);
    // Masked by the forum: stars for all of the local part but one letter at most.
    const auto stars = std::count(local.begin(), local.end(), '*');
    if (stars >= 3 && local.size() - static_cast<std::size_t>(stars) <= 1) return false;
    std::string domain = ascii_lower(address.substr(at + 1));
    while (!domain.empty() && domain.back() == '.') domain.pop_back();
    return !(example_domain(domain) && example_local_part(ascii_lower(local)));
}

bool always(std::string_view, std::size_t, std::size_t) { return true; }

}  // namespace kb::pii_match_checks
