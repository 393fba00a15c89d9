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
#include "indexer/text/name_finder.h"
#include "indexer/text/pii_match_checks.h"
#include "indexer/text/postal_addresses.h"
#include "indexer/text/text_scan.h"

namespace kb {

// Every pattern runs on RE2, whose matching is linear in the text by design: no input, however
// long a run of letters or a pasted blob, can make a pass rescan it. RE2 has no look-around, so
// the few boundaries a pattern needs ("not inside a word") are checked in code around a match.

using namespace text_scan;
using namespace pii_match_checks;

namespace {

constexpr std::array<std::string_view, 13> kPlaceholders{
    "[email]",   "[phone]",       "[id]",       "[ip]",          "[name]",         "[card]",       "[iban]",
    "[address]", "[national id]", "[passport]", "[product key]", "[order number]", "[case number]"};

// Words too common to treat as a name part even when they are part of a display name, and the
// greetings a found name may open with ("Hey Gangadhar": "Hey" alone opens other posts too).
constexpr std::array<std::string_view, 29> kNotNameParts{
    "The",    "And",     "For",     "You",   "Your",  "Microsoft", "Support",   "Team",   "Admin",   "User",
    "Office", "Windows", "Help",    "Guest", "Staff", "Moderator", "Community", "Answer", "Outlook", "Teams",
    "Excel",  "Edge",    "Account", "Agent", "Hey",   "Hello",     "Dear",      "Thanks", "Regards"};

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
                      bool (*accept)(std::string_view text, std::size_t start, std::size_t end)) {
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
            if (is_word_character(code_point_at(text, value_end)) || !accept(text, value_start, value_end)) continue;
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

// The same for a check of the value alone.
template <bool (*accept)(std::string_view token)>
bool value_alone(std::string_view text, std::size_t start, std::size_t end) {
    return accept(text.substr(start, end - start));
}

// Patterns every scrubber shares: compiled once, read concurrently (RE2 objects are thread-safe).
struct CommonPatterns {
    std::unique_ptr<RE2> marker_in_parens, marker, greeting, email, obfuscated_email, guid, iban, card, ipv4, ipv6,
        phone, cued_phone, mention, product_key, cued_passport, passport_shape, cued_national_id, national_id,
        national_id_in_context, cued_order, cued_case, cued_number, reference_shape, cued_key, prefixed_order,
        prefixed_case, greeting_with_name, sign_off_with_name, mention_with_name;
    CommonPatterns();
};

CommonPatterns::CommonPatterns() {
    auto& p = *this;
    const std::string redaction =
        R"((?:Moderator note:\s*)?(?:Personally Identifiable Information|Personal(?:ly)? (?:identifiable )?information|PII)[^\]\n]{0,40}\])";
    // A marker that stood in parentheses takes them along: "my account ([...]) and" reads "my
    // account and", not "my account () and".
    p.marker_in_parens = compile_pattern(R"((?i)[ \t]*\(\s*\[)" + redaction + R"(\s*\))");
    // The marker and the label it replaced the value of ("Request Id: [...]").
    p.marker = compile_pattern(R"((?im)(?:^[ \t]*\pL[\pL ]{0,30}:[ \t]*)?\[)" + redaction + R"([ \t]*)");
    // A salutation line: "Dear @Name,", "Hello @Last, First", "Hi all,", "Hello!". A line that
    // goes on into the question ("Hi I cannot sign in") is kept; its names go below.
    p.greeting = compile_pattern(
        R"((?im)^[ \t]*(?:Dear|Hi|Hello|Hey|Greetings|Good (?:morning|afternoon|evening))\b(?:[ \t,]*@[^\n,!]{1,60}(?:,[ \t]*[\pL\-']+)?[ \t]*[,!.]?|(?:[ \t,]+[\pL\pN'\-.]+){0,4}[ \t]*[,!]|[ \t]*[,!]?)[ \t]*$\n?)");
    // With its domain, or with the domain cut short by the writer ("farid@...", "farid.m@contoso…",
    // "farid@gmail"): the local part is usually a name, so any word@ counts as an address.
    p.email = compile_pattern(R"([\pL\pN._%+*\-]+@(?:[\pL\pN\-]+(?:\.[\pL\pN\-]+)*)?(?:\.*\x{2026}|\.{2,}|\*{2,})?)");
    // "adam dot kowalski at contoso dot com", "adam[at]contoso[dot]com", "x (at) y (dot) org",
    // "a_at_b_dot_com", "a @ b . com", in any case and the words for the signs in the forum's
    // languages; looks_like_obfuscated_email decides.
    const std::string at_words =
        "(?i:at|ät|apenstaartje|klammeraffe|arobase|arobas|arroba|chiocciola|zavináč|zavinac|snabel-a|snabela|"
        "małpa|malpa|kukac|krøllalfa|kroellalfa|at sign|at-sign)";
    // Words that are the sign only in brackets: the Turkish "[et]", the Japanese "[atmark]".
    const std::string bracketed_at_words = "(?i:et|atmark|atto)";
    const std::string dot_words =
        "(?i:dot|punt|punkt|punktum|point|punto|ponto|tečka|tecka|kropka|pont|piste|prikk|nokta)";
    const std::string at = R"((?:[ \t]*[\[({<][ \t]*(?:)" + at_words + "|" + bracketed_at_words +
                           R"()[ \t]*[\])}>][ \t]*|[ \t]+)" + at_words + R"([ \t]+|[ \t]+@[ \t]+|_at_))";
    const std::string dot = R"((?:[ \t]*[\[({<][ \t]*)" + dot_words + R"([ \t]*[\])}>][ \t]*|[ \t]+)" + dot_words +
                            R"([ \t]+|[ \t]+\.[ \t]+|_dot_|\.))";
    p.obfuscated_email = compile_pattern(R"([\pL\pN_%+\-]+(?:)" + dot + R"([\pL\pN_%+\-]+){0,3})" + at +
                                         R"([\pL\pN\-]+(?:)" + dot + R"([\pL\pN\-]+){1,3})");
    const std::string greeting_words =
        R"((?:Dear|Hi|Hello|Hey|Hallo|Hola|Bonjour|Greetings|Good (?:morning|afternoon|evening)))";
    p.greeting_with_name = compile_pattern(
        R"((?im)^[ \t]*)" + greeting_words +
        R"([ \t,]+(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?[ \t]+)?\[name\](?:[ \t]*(?:,|and|&)[ \t]*\[name\])*[ \t]*[,!.:;\-]*[ \t]*)");
    p.sign_off_with_name = compile_pattern(
        R"((?im)^[ \t]*(?:(?:Thanks|Thank you|Many thanks|Regards|Best regards|Kind regards|Warm regards|Best wishes|Best|Cheers|Sincerely|With thanks|With sympathy|Viele Grüße|Saludos)[ \t]*[,!.]?[ \t]*(?:\n[ \t]*)?)?\[name\][ \t]*[,.!]?[ \t]*(?:\n|$))");
    p.guid = compile_pattern(R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)");
    // Windows and Office keys (five groups of five), the four-by-four hex keys of other vendors,
    // five by four (antivirus licences), three and four by five (game keys) and six groups of four digits
    // (Adobe serials); looks_like_product_key wants letters and digits mixed where a group
    // could be a word or a plain number.
    p.product_key = compile_pattern(
        R"(\b\d{4}(?:-\d{4}){5}\b|\b[A-Z0-9]{5}(?:-[A-Z0-9]{5}){2,4}\b|\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3,4}\b)");
    // Candidates only: the checks are in looks_like_iban and looks_like_card.
    p.iban = compile_pattern(R"([A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30})");
    p.card = compile_pattern(R"(\d(?:[ \-]?\d){12,18})");
    p.ipv4 = compile_pattern(R"(\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b)");
    p.ipv6 = compile_pattern(
        R"(\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b|\b(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}:){0,5}[0-9a-fA-F]{1,4}\b)");
    // Candidates only: the neighbours, digit counts and separators are checked in looks_like_phone.
    p.phone = compile_pattern(
        R"((?:\+|\b00)?(?:\(\d{1,4}\)[ \-.]?)?\d{1,5}(?:[ \-.]?\(0\)[ \-.]?\d{1,8})?(?:[ \-.]\(?\d{1,8}\)?){0,5}(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,5}\b)?)");
    // The cue words of signatures too: "Mob: (974) 5064794", "Ph 4425 472", "GSM +974 ...", and
    // a signature's second number: "Mobile 2: 70312345".
    p.cued_phone = compile_pattern(
        R"((?i:\b(?:cell|cellphone|mobile|mob|handphone|gsm|ph|phone|telephone|tel|fax|landline|whatsapp|desk|call me|text me|reach me)\b)(?:[ \t]+[1-9][ \t]*:)?(?:[ \t]*(?:(?i:number|no|is|on|at)\b\.?|[:#.]))*[ \t]*(\+?\(?\d[\d \-.()]{5,18}\d(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,5})?))");
    // "@Jordan", and "@Armendariz, Erica" / "@Jane Holloway" when the next word is not an
    // English word ("@Jordan, Error 809..." keeps "Error"): looks_like_mention_with_name decides.
    p.mention_with_name = compile_pattern(R"(@[\pL\pN_.\-]+,?[ \t]\p{Lu}[\pL\-']*)");
    p.mention = compile_pattern(R"(@[\pL\pN_.\-]+)");
    const std::string filler =
        R"((?:[ \t]*(?:(?i:numbers?|no|nr|n|nº|num|id|is|was|on|the|e-mail|email|of|for|me|my|our|your|reads|says)\b\.?|[:#(,'"]))*[ \t]*#?)";
    const std::string reference = R"(([A-Z0-9][A-Z0-9\-/]{3,30}[A-Z0-9]))";
    const std::string and_another =
        R"((?:(?:[ \t]*,|[ \t]+(?i:and|or|to|bis|à|a|до|do))[ \t]+(?:(?i:order number)[ \t]+)?#?)" + reference + ")?";
    p.cued_order = compile_pattern(
        R"((?i:\b(?:order|invoice|receipt|subscription|purchase order|po|rma|return|appointment|booking|registration|confirmation|bestellung|bestellnummer|rechnung|rechnungsnummer|commande|facture|pedido|factura|ordine|fattura|bestelling|factuur|zamówienie|faktura|reservation|réservation|job sheet)s?\b))" +
        filler + reference + and_another);
    p.cued_case = compile_pattern(
        R"((?i:\b(?:ticket|case|request|incident|tracking ?id|reference|ref|sr|claim|work order|vorgang|vorgangsnummer|dossier|caso|expediente|zgłoszenie|aanvraag|protocolo|protocollo|denuncia|melding)s?\b))" +
        filler + reference + and_another);
    // "number CZ-4471-889012": any number word, when what follows mixes letters and digits.
    p.cued_number = compile_pattern(
        R"((?i:\b(?:number|nummer|numéro|número|numero|nr|no)\b)\.?[ \t]*[:#]?[ \t]*([A-Z0-9]{1,8}(?:-[A-Z0-9]{1,12}){1,4}))");
    // References that carry their kind in a prefix: service-desk incidents, requests and changes,
    // purchase and sales orders, invoices, returns.
    p.prefixed_case = compile_pattern(R"(\b(?:INC|RITM|REQ|CHG|PRB|SCTASK|TASK|CS|SR|TKT|WO|CASE)[\-#]?\d{5,12}\b)");
    p.prefixed_order = compile_pattern(R"(\b(?:PO|SO|INV|ORD|RMA|RE-)[\-#]?(?:[A-Z]{2,3}-)?\d[\d\-]{4,24}\d\b)");
    // A vendor's reference: capitals, then hyphenated digit groups ("WJ-BLR-2504-01877",
    // "TT-1198347562"); looks_like_reference leaves out the standards' and advisories' ids.
    p.reference_shape = compile_pattern(R"(\b[A-Z]{2,4}(?:-[A-Z]{2,4})?-\d{4,}(?:-\d{2,})*\b)");
    // A key or serial named as one, in any vendor's shape.
    p.cued_key = compile_pattern(
        R"((?i:\b(?:product key|licen[cs]e key|licen[cs]e|serial(?: number)?|serial no|activation code|redeem code|gift code|key|clave|schlüssel|lizenzschlüssel|seriennummer|numéro de série|clé|chave)\b)(?:[ \t]*(?:(?i:is|was|no|number|code)\b\.?|[:#(,]))*[ \t]*([A-Z0-9][A-Z0-9\-]{7,40}[A-Z0-9]))");
    p.cued_passport = compile_pattern(
        R"((?i:\b(?:passport|reisepass|paspoort|passeport|pasaporte|passaporto)\b)(?:[ \t]*(?:(?i:numbers?|no|nr|is|was|too|also)\b\.?|[:#(,]))*[ \t]*([A-Z]{1,2} \d{6,8}|[A-Z0-9]{6,10}))");
    p.passport_shape = compile_pattern(R"(\b[A-Z]{1,2}\d{6,8}\b)");
    p.cued_national_id = compile_pattern(
        R"((?i:\b(?:ssn|social security(?: number)?|ni number|national insurance(?: number)?|nino|bsn|burgerservicenummer|sofinummer|dni|nie|nif|aadhaar|pesel|personnummer|steuer-?id|steuernummer|tax id|tin|personalausweis|id card|identity card|id number|national id)\b)(?:[ \t]*(?:(?i:numbers?|no|nr|is|was|of)\b\.?|[:#(,]))*[ \t]*([A-Z0-9](?:[A-Z0-9]|[ \-][A-Z0-9]){4,20}))");
    // Shapes only, each decided by its check digits in looks_like_national_id: UK NI numbers, US
    // SSNs, Spanish DNI/NIE, Swedish personnummer, 11-digit PESEL / Steuer-ID, Aadhaar, Italian
    // codice fiscale, Brazilian CPF, Belgian national number, French NIR.
    p.national_id_in_context = compile_pattern(R"(\b\d{7}[A-W][A-IW]?\b|\b\d{9,11}\b|\b\d{3} \d{3} \d{3}\b)");
    p.national_id = compile_pattern(
        R"([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]|\d{3}-\d{2}-\d{4}|[XYZ]?\d{7,8}[A-Z]|\d{6}[\-+]\d{4}|\d{2} ?\d{3} ?\d{3} ?\d{3}|\d{4} ?\d{4} ?\d{4}|[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]|\d{3}\.\d{3}\.\d{3}-\d{2}|\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}|[12] ?\d{2} ?\d{2} ?\d{2} ?\d{3} ?\d{3} ?\d{2}|\d{6}/\d{4}|756\.\d{4}\.\d{4}\.\d{2}|\d{8}-\d{4})");
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

// Only lower-case letters: a word as the poster typed it, not capitalised as a name.
bool lower_case_word(std::string_view word) {
    return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
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
        // A one-word handle typed in lower case that names a nationality, a place or a brand
        // ("qatari") goes as typed: capitalised, it is the word the others write ("a Qatari
        // sponsor"). A handle that is any other word ("dweller", "bibs") or a language that is a
        // given name too ("cheyenne") is addressed capitalised ("Thanks Dweller"): it goes in every case.
        if (name_parts_wanted == NameParts::On && parts.size() == 1 && lower_case_word(parts[0]) &&
            NameFinder::is_vocabulary_word(parts[0])) {
            part_alternatives.push_back(RE2::QuoteMeta(parts[0]));
            continue;
        }
        std::string full;
        for (std::size_t i = 0; i < parts.size(); ++i) full += (i ? "[\\s,._\\-]+" : "") + RE2::QuoteMeta(parts[i]);
        full_alternatives.push_back(std::move(full));
        // Parts that hold a letter: "shiny ." is one word, and that word is the name.
        const auto word_parts = std::count_if(parts.begin(), parts.end(), [](const std::string& part) {
            return std::any_of(part.begin(), part.end(), [](char c) {
                return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
            });
        });
        for (const std::string& candidate : parts) {
            if (name_parts_wanted == NameParts::Off) break;
            if (code_point_at(candidate, 0) < 0 || candidate.size() < 3) continue;
            // A word the poster wrote in lower case inside a longer name ("Israel the humanenemy",
            // "i am not here") is that word, not a name: alone it would take "the" from every
            // sentence. The whole name still goes.
            if (word_parts > 1 && lower_case_word(candidate) && NameFinder::is_frequent_word(candidate)) continue;
            if (std::find(kNotNameParts.begin(), kNotNameParts.end(), candidate) != kNotNameParts.end()) continue;
            // A product of the trade in a name ("Peter Sap", "NewB To Abap", "SAP learner") is the
            // product everywhere else in the thread; the whole name still goes.
            if (word_parts > 1 && NameFinder::is_trade_word(candidate)) continue;
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
    if (!part_alternatives.empty()) p.name_parts = compile_pattern(alternation(std::move(part_alternatives)));
}

std::string PiiScrubber::scrub(std::string_view utf8) const {
    const auto& c = common_patterns();
    const auto& p = *patterns_;
    std::string text(utf8);
    replace_matches(text, *c.marker_in_parens, "", always);
    replace_matches(text, *c.marker, "", always);
    replace_matches(text, *c.greeting, "", always);
    replace_matches(text, *c.email, "[email]", looks_like_personal_email);
    replace_matches(text, *c.obfuscated_email, "[email]", looks_like_obfuscated_email);
    replace_matches(text, *c.mention_with_name, "[name]", looks_like_mention_with_name);
    replace_matches(text, *c.mention, "[name]", looks_like_mention);
    // Addresses before names and numbers: their street and town names are not people, their
    // postcodes and house numbers not phones or ids.
    replace_postal_addresses(text);
    if (p.full_names) replace_matches(text, *p.full_names, "[name]", stands_alone);
    if (p.name_parts) replace_matches(text, *p.name_parts, "[name]", stands_alone);
    // A greeting or sign-off that held a name goes whole: "Hello [name], Error 809 means..."
    // reads "Error 809 means...", "Thanks,\n[name]" goes, as a name alone on its line does.
    replace_matches(text, *c.greeting_with_name, "", always);
    replace_matches(text, *c.sign_off_with_name, "", always);
    // Every GUID, also after "Request Id:" and "Correlation Id:": the forum's own moderators
    // remove those as personal (they find the person's sign-in); a well-known service's stays.
    replace_matches(text, *c.guid, "[id]", looks_like_personal_guid);
    replace_matches(text, *c.product_key, "[product key]", looks_like_product_key);
    replace_captures(text, *c.cued_key, "[product key]", value_alone<cued_key>);
    // Cued values first: the cue says what a number is, which its shape alone cannot.
    replace_captures(text, *c.cued_passport, "[passport]", value_alone<cued_passport>);
    replace_matches(text, *c.passport_shape, "[passport]", passport_in_context);
    replace_captures(text, *c.cued_national_id, "[national id]", value_alone<cued_identifier>);
    replace_captures(text, *c.cued_order, "[order number]", value_alone<cued_reference>);
    replace_captures(text, *c.cued_case, "[case number]", value_alone<cued_reference>);
    replace_matches(text, *c.prefixed_order, "[order number]", stands_alone);
    replace_matches(text, *c.prefixed_case, "[case number]", stands_alone);
    replace_captures(text, *c.cued_number, "[case number]", value_alone<lettered_reference>);
    replace_matches(text, *c.reference_shape, "[case number]", looks_like_reference);
    replace_captures(text, *c.cued_phone, "[phone]", cued_phone_in_context);
    replace_matches(text, *c.iban, "[iban]", looks_like_iban);
    // National ids before cards: a 15-digit NIR can pass Luhn by chance, a card never has the
    // separators or the neighbours a national id's shape asks for.
    replace_matches(text, *c.national_id, "[national id]", looks_like_national_id);
    replace_matches(text, *c.national_id_in_context, "[national id]", national_id_in_context);
    replace_matches(text, *c.card, "[card]", looks_like_card);
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
