#include "indexer/text/name_finder.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_set>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "indexer/text/pii_scrubber.h"
#include "indexer/text/text_scan.h"

namespace kb {

// Embedded at build time from Debian's scowl package and product_words.txt (see CMakeLists.txt).
extern const char* const kCommonWordsText;
extern const char* const kKnownNamesText;
extern const char* const kProductWordsText;
extern const char* const kFrequentWordsText;

namespace {

std::string lower(std::string_view word) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())))
        .toLower()
        .toUTF8String(out);
    return out;
}

std::unordered_set<std::string> word_set(const char* text, bool lowered) {
    std::unordered_set<std::string> words;
    std::string_view rest(text);
    while (!rest.empty()) {
        const std::size_t end = std::min(rest.find('\n'), rest.size());
        const std::string_view line = rest.substr(0, end);
        if (!line.empty() && line.front() != '#') words.insert(lowered ? lower(line) : std::string(line));
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    return words;
}

// Every word of ICU's English names of countries and languages: "Saudi Arabia", "Sri Lanka",
// "Hong Kong", "Thai", "Swedish" name places and peoples, not a person.
void add_country_and_language_words(std::unordered_set<std::string>& words) {
    std::string all;
    const auto add = [&](const icu::UnicodeString& name) {
        std::string utf8;
        name.toUTF8String(utf8);
        // "Sint Maarten", "St. Vincent & Grenadines", "Marshall Islands", "Isle of Man": names
        // made of people's names are left out.
        for (const std::string_view person_named : {"Saint", "Sint", "St.", "&", "Island", "Isle"})
            if (utf8.find(person_named) != std::string::npos) return;
        all += utf8 + " ";
    };
    icu::UnicodeString name;
    for (const char* const* country = icu::Locale::getISOCountries(); *country; ++country)
        add(icu::Locale("", *country).getDisplayCountry(icu::Locale::getEnglish(), name));
    for (const char* const* language = icu::Locale::getISOLanguages(); *language; ++language)
        add(icu::Locale(*language).getDisplayLanguage(icu::Locale::getEnglish(), name));
    std::string word;
    for (const char c : all) {
        if (c == ' ' || c == '(' || c == ')' || c == ',' || c == '&' || c == '-') {
            if (word.size() > 2) words.insert(lower(word));
            word.clear();
        } else {
            word += c;
        }
    }
}

// The part of product_words.txt from its "# Words of the trade" section on: the names of
// products, tools and systems, which no one bears as a name (the sections before hold months,
// brands and nationalities, some of which people do: "June", "Ford", "Jordan").
const char* trade_section(const char* text) {
    const char* section = std::strstr(text, "# Words of the trade");
    return section ? section : "";
}

struct WordLists {
    std::unordered_set<std::string> common, frequent, names, products, trade, vocabulary;
    WordLists()
        : common(word_set(kCommonWordsText, false)),
          frequent(word_set(kFrequentWordsText, false)),
          names(word_set(kKnownNamesText, true)),
          products(word_set(kProductWordsText, true)),
          trade(word_set(trade_section(kProductWordsText), true)),
          vocabulary(products) {
        add_country_and_language_words(products);
    }
};

const WordLists& lists() {
    static const WordLists instance;
    return instance;
}

// Lower-case particles inside names: "van der Berg", "de la Cruz", "Ní Mhaoláin".
constexpr std::array<std::string_view, 24> kParticles{"van", "von",   "der", "den", "de",  "del", "della", "la",
                                                      "le",  "da",    "di",  "du",  "dos", "das", "ní",    "nic",
                                                      "bin", "binti", "al",  "el",  "ter", "ten", "zu",    "y"};

constexpr std::array<std::string_view, 12> kInnerParticles{"mac", "mc",  "ó",   "ní", "nic", "ua",
                                                           "bin", "ibn", "abu", "al", "el",  "ben"};

// Words just before a name that say a person follows.
constexpr auto kCuesBefore = std::to_array<std::string_view>(
    {"mr",          "mrs",       "ms",       "miss",      "mx",         "dr",        "prof",       "sir",
     "dame",        "herr",      "frau",     "mme",       "cc",         "hi",        "hello",      "dear",
     "hey",         "thanks",    "regards",  "cheers",    "manager",    "colleague", "boss",       "husband",
     "wife",        "son",       "daughter", "partner",   "accountant", "friend",    "technician", "contractor",
     "coordinator", "chair",     "lead",     "assistant", "brother",    "sister",    "father",     "mother",
     "dad",         "mum",       "mom",      "contact",   "ask",        "agent",     "named",      "called",
     "admin",       "installer", "clerk",    "customer",  "user",       "users",     "hallo",      "hola",
     "bonjour",     "ciao",      "hej",      "salut",     "neighbour",  "neighbor",  "filho",      "filha",
     "hijo",        "hija",      "figlio",   "figlia",    "sohn",       "tochter",   "fils",       "fille",
     "zoon",        "dochter",   "syn",      "córka",     "marido",     "esposa",    "mann"});

constexpr std::array<std::string_view, 12> kTitles{"mr",   "mrs", "ms",   "miss", "mx",   "dr",
                                                   "prof", "sir", "dame", "herr", "frau", "mme"};

// Words just after a single word that make it a person: "Aoibheann says", "Tuan's reply".
constexpr std::array<std::string_view, 17> kCuesAfter{
    "says",      "said",   "told",    "asked", "wrote",  "replied", "suggested", "thinks", "mentioned",
    "confirmed", "called", "emailed", "reply", "answer", "was",     "has",       "had"};

// Words after a single capitalised word that make it a place or a team: "Stockholm office".
constexpr std::array<std::string_view, 10> kPlaceAfter{"office", "region", "team",   "datacenter", "campus",
                                                       "branch", "site",   "server", "tenant",     "edition"};

// Lines that end a message and are followed by the writer's name.
constexpr std::array<std::string_view, 12> kSignOffs{"thanks",        "regards",     "best regards", "kind regards",
                                                     "cheers",        "many thanks", "best",         "sincerely",
                                                     "with sympathy", "thank you",   "warm regards", "best wishes"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

struct Word {
    std::size_t start = 0, end = 0;  // bytes
    bool title = false;              // capital first, a lower-case letter somewhere: "Gareth", "McAllister"
    bool capitals = false;           // two letters or more, all capitals: "JOSÉ"
    std::string lowered;
};

std::vector<Word> words_of(std::string_view text) {
    std::vector<Word> words;
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto size = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < size) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, size, c);
        if (!u_isalpha(c)) continue;
        Word w;
        w.start = static_cast<std::size_t>(start);
        bool first_upper = u_isupper(c), any_lower = u_islower(c), all_upper = u_isupper(c);
        bool capital_pair = false, previous_upper = u_isupper(c);  // "CASMailbox", "MgUser-" shapes
        bool camel = false, previous_lower = u_islower(c);         // "VpnConnection"; "McAllister" is a name
        int32_t segment_start = start;
        int letters = 1;
        while (i < size) {
            int32_t j = i;
            UChar32 d;
            U8_NEXT(bytes, j, size, d);
            if (u_isalpha(d)) {
                any_lower = any_lower || u_islower(d);
                all_upper = all_upper && u_isupper(d);
                capital_pair = capital_pair || (previous_upper && u_isupper(d));
                if (previous_lower && u_isupper(d)) {
                    const std::string_view prefix = text.substr(static_cast<std::size_t>(segment_start),
                                                                static_cast<std::size_t>(i - segment_start));
                    camel = camel || !(prefix == "Mc" || prefix == "Mac" || prefix == "De" || prefix == "Di" ||
                                       prefix == "La" || prefix == "Le" || prefix == "Da" || prefix == "Van");
                }
                previous_upper = u_isupper(d);
                previous_lower = u_islower(d);
                ++letters;
                i = j;
                continue;
            }
            // An apostrophe or hyphen inside a word: "O'Neill", "Al-Rashid", "Tuan's".
            if ((d == '\'' || d == '-') && j < size) {
                int32_t k = j;
                UChar32 e;
                U8_NEXT(bytes, k, size, e);
                if (u_isalpha(e)) {
                    previous_upper = previous_lower = false;
                    segment_start = j;
                    i = j;
                    continue;
                }
            }
            break;
        }
        w.end = static_cast<std::size_t>(i);
        w.title = first_upper && any_lower && !capital_pair && !camel;
        w.capitals = all_upper && letters >= 2;
        w.lowered = lower(text.substr(w.start, w.end - w.start));
        words.push_back(std::move(w));
    }
    return words;
}

// Only spaces between two words: they can be parts of one name.
bool spaced(std::string_view text, const Word& a, const Word& b) {
    if (b.start <= a.end || b.start - a.end > 2) return false;
    for (std::size_t i = a.end; i < b.start; ++i)
        if (text[i] != ' ') return false;
    return true;
}

// The last word of a street or place name: "Peachtree St", "Victoria Island", "Calle de Toledo"
// are where someone lives, for the address pass, not who.
constexpr std::array<std::string_view, 85> kPlaceWords{
    "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "crescent", "island", "heights", "way", "drive",
    "parkway", "square", "row", "place", "close", "court", "hill", "hills", "calle", "rue", "via", "rehov", "main",
    "city", "county", "valley", "landstraße", "beach", "marina", "ras", "souq", "souk", "bir", "wadi", "jebel",
    // Institutions and businesses named after a place or a founder: "Doha College", "Al Ahli Hospital".
    "school", "schools", "college", "academy", "university", "institute", "office", "centre", "center", "hospital",
    "clinic", "museum", "tower", "towers", "village", "resort", "compound", "hotel", "bank", "ltd", "co", "inc", "llc",
    "trading", "contracting", "travel", "holidays", "municipality", "exhibition", "club", "cafe", "bar", "market",
    "mall", "bazar", "bazaar", "airport", "embassy", "station", "group", "restaurant", "store", "shop",
    // A building or a car hire named after its street or founder: "Park House", "Petra Rent A Car".
    "house", "rent"};

// Legal forms and the words of organisations in the forum's other languages: a run holding one,
// or followed by one, is a company or an authority ("Schreinerei Holzapfel GmbH", "Gemeente
// Waterland-Zuid", "Polizia Postale"), not a person.
constexpr auto kOrganisationWords = std::to_array<std::string_view>(
    {"gmbh",         "ag",          "ab",          "sa",          "sl",           "s.l",       "s.l.",
     "srl",          "spa",         "s.p.a",       "bv",          "b.v",          "nv",        "oy",
     "asa",          "kg",          "ohg",         "sarl",        "sas",          "plc",       "pty",
     "pvt",          "limited",     "corp",        "corporation", "company",      "gemeente",  "universität",
     "universiteit", "université",  "universidad", "università",  "uniwersytet",  "polizia",   "policía",
     "politie",      "polizei",     "police",      "banque",      "banco",        "banca",     "autoriteit",
     "agencia",      "agenzia",     "agentur",     "agence",      "ministerio",   "ministère", "ministerium",
     "ministero",    "canolfan",    "cyngor",      "council",     "telekom",      "telecom",   "broadband",
     "stadtwerke",   "schreinerei", "haustechnik", "informatik",  "logistik",     "ibérica",   "gesellschaft",
     "verein",       "stiftung",    "fundación",   "fondation",   "ayuntamiento", "comune",    "mairie",
     "rathaus"});

// Whether the text at `at` (spaces skipped) is a legal form written with dots: "S.L.", "B.V.",
// "S.p.A." read as "sl", "bv", "spa".
bool legal_form_at(std::string_view text, std::size_t at) {
    while (at < text.size() && text[at] == ' ') ++at;
    std::string form;
    for (; at < text.size() && text[at] != ' ' && text[at] != ',' && text[at] != '\n' && form.size() < 8; ++at)
        if (text[at] != '.') form += static_cast<char>(std::tolower(static_cast<unsigned char>(text[at])));
    return !form.empty() && one_of(kOrganisationWords, form);
}

std::string_view base(std::string_view lowered) {
    if (lowered.size() > 2 && lowered.ends_with("'s")) lowered.remove_suffix(2);
    return lowered;
}

// A word of the lists, or a hyphenated compound of them ("sign-in", "protection-assisted",
// "follow-up"): the lists hold few compounds, and one made of common words is no name
// ("Sven-Erik" and "Al-Rashid" hold a part that is not a word).
bool listed_common(const std::unordered_set<std::string>& common, std::string_view lowered) {
    const std::string_view word = base(lowered);
    if (common.count(std::string(word)) > 0) return true;
    if (word.find('-') == std::string_view::npos) return false;
    for (std::size_t from = 0; from <= word.size();) {
        const std::size_t to = std::min(word.find('-', from), word.size());
        if (to == from || common.count(std::string(word.substr(from, to - from))) == 0) return false;
        from = to + 1;
    }
    return true;
}

// The nouns that end a product's, feature's or team's name: "Microsoft Data Protection",
// "Windows Hello", "Outlook Web Access", "Trust Center", "Unicode Text". A run ending in one
// or holding one (its first hyphenated part: "Data Protection-assisted", "Service Maintaince") is a
// thing, not a person: no family name is "Protection" or "Settings".
constexpr auto kProductNouns = std::to_array<std::string_view>(
    {"protection", "center",     "centre",   "services", "service",  "hello",     "defender",  "access",   "portal",
     "hub",        "studio",     "explorer", "editor",   "viewer",   "assistant", "suite",     "client",   "gateway",
     "console",    "dashboard",  "policy",   "policies", "settings", "options",   "mode",      "view",     "reader",
     "text",       "team",       "support",  "security", "sync",     "backup",    "recovery",  "lookup",   "fill",
     "query",      "changes",    "merge",    "ribbon",   "inbox",    "steps",     "sense",     "guard",    "isolation",
     "integrity",  "encryption", "aloud",    "account",  "notebook", "folder",    "folders",   "calendar", "mailbox",
     "profile",    "device",     "devices",  "app",      "apps",     "tools",     "workspace", "library",  "template",
     "panel",      "pane",       "wizard"});

// Words after a run that make it a label on the screen: "the Unicode Text option".
constexpr auto kLabelAfter = std::to_array<std::string_view>(
    {"button", "option",  "options", "tab",  "menu",     "link",   "setting", "settings", "toggle", "checkbox",
     "box",    "field",   "page",    "pane", "dialog",   "icon",   "command", "switch",   "list",   "dropdown",
     "screen", "section", "window",  "card", "shortcut", "ribbon", "wizard",  "feature",  "app",    "policy"});

// Whether text[start, end) is an item of a menu path ("Paste Special → Text or Unicode Text",
// "Home > Paste > Paste Special"): an arrow before or after it on its line, with only a label's
// words between. A '>' that starts a line quotes a message instead.
bool in_menu_path(std::string_view text, std::size_t start, std::size_t end) {
    const auto label_byte = [](char c) {
        return c == ' ' || c == '&' || c == '\'' || c == '-' || c == '/' || c == '(' || c == ')' ||
               std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80) != 0;
    };
    static constexpr std::array<std::string_view, 7> kArrows{"\u2192", "->",     "=>",    "\u00bb",
                                                             "\u21d2", "\u25b8", "\u203a"};
    // A bare '>' counts between spaces ("File > Options"), not a tag's ("<b>Sixers</b>").
    const auto bare_angle = [&](std::size_t at) {
        return text[at] == '>' && at > 0 && text[at - 1] == ' ' && at + 1 < text.size() && text[at + 1] == ' ';
    };
    const auto arrow_ends_at = [&](std::size_t end_at) {  // an arrow whose last byte is before end_at
        return bare_angle(end_at - 1) || std::any_of(kArrows.begin(), kArrows.end(), [&](std::string_view arrow) {
                   return end_at >= arrow.size() && text.substr(end_at - arrow.size(), arrow.size()) == arrow;
               });
    };
    const auto arrow_starts_at = [&](std::size_t at) {
        return bare_angle(at) || std::any_of(kArrows.begin(), kArrows.end(), [&](std::string_view arrow) {
                   return text.substr(at, arrow.size()) == arrow;
               });
    };
    constexpr std::size_t kReach = 80;
    for (std::size_t at = start; at > 0 && start - at < kReach; --at) {
        if (arrow_ends_at(at)) {
            std::size_t line = at - 1;
            while (line > 0 && text[line - 1] != '\n' && !arrow_starts_at(line)) --line;
            while (line > 0 && (text[line - 1] == ' ' || text[line - 1] == '\t')) --line;
            return line > 0 && text[line - 1] != '\n';
        }
        if (!label_byte(text[at - 1])) break;
    }
    for (std::size_t at = end; at < text.size() && at - end < kReach; ++at) {
        if (arrow_starts_at(at)) return true;
        if (!label_byte(text[at])) break;
    }
    return false;
}

}  // namespace

bool NameFinder::is_common_word(std::string_view word) { return listed_common(lists().common, lower(word)); }

bool NameFinder::is_frequent_word(std::string_view word) {
    return lists().frequent.count(std::string(base(lower(word)))) > 0;
}

bool NameFinder::is_product_word(std::string_view word) {
    return lists().products.count(std::string(base(lower(word)))) > 0;
}

bool NameFinder::is_vocabulary_word(std::string_view word) {
    return lists().vocabulary.count(std::string(base(lower(word)))) > 0;
}

bool NameFinder::is_trade_word(std::string_view word) {
    return lists().trade.count(std::string(base(lower(word)))) > 0;
}

NameFinder::NameFinder(const std::vector<std::string>& vocabulary) {
    for (const std::string& phrase : vocabulary)
        for (const Word& w : words_of(phrase)) vocabulary_.push_back(w.lowered);
    std::sort(vocabulary_.begin(), vocabulary_.end());
}

namespace {

// The words of a lower-case phrase, particles and initials left out.
std::vector<std::string_view> phrase_words(std::string_view phrase) {
    std::vector<std::string_view> out;
    while (!phrase.empty()) {
        const std::size_t end = std::min(phrase.find(' '), phrase.size());
        const std::string_view word = phrase.substr(0, end);
        if (word.size() > 2 && !one_of(kParticles, word)) out.push_back(word);
        phrase.remove_prefix(std::min(end + 1, phrase.size()));
    }
    return out;
}

}  // namespace

void ForumPhrases::count_thread(const std::vector<std::string>& uncued) {
    ++threads_;
    std::unordered_set<std::string_view> seen;
    for (const std::string& phrase : uncued) {
        if (seen.insert(phrase).second) ++counts_[phrase];
        for (const std::string_view word : phrase_words(phrase))
            if (seen.insert(word).second) ++word_counts_[std::string(word)];
    }
}

void ForumPhrases::count_person(std::string_view display_name) {
    // Whole names only ("Ekansh Saxena"): a one-word handle ("sunshine", "Doha_Girl") or words
    // alone ("Former Member") would take words from every thread of the forum.
    std::size_t words = 0, uncommon = 0;
    std::string_view rest = display_name;
    while (!rest.empty()) {
        const std::size_t end = std::min(rest.find(' '), rest.size());
        const std::string_view word = rest.substr(0, end);
        if (!word.empty()) {
            ++words;
            uncommon += !NameFinder::is_common_word(word);
        }
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    if (words >= 2 && uncommon >= 1) people_names_.emplace(display_name);
}

void ForumPhrases::merge(ForumPhrases&& other) {
    threads_ += other.threads_;
    people_names_.merge(other.people_names_);
    for (auto& [phrase, count] : other.counts_) counts_[phrase] += count;
    for (auto& [word, count] : other.word_counts_) word_counts_[word] += count;
    other.counts_.clear();
    other.word_counts_.clear();
}

void ForumPhrases::finish() {
    const std::size_t floor = std::max<std::size_t>(3, threads_ / 1000);
    for (const auto& [phrase, count] : counts_)
        if (count >= floor) frequent_.insert(phrase);
    for (const auto& [word, count] : word_counts_)
        if (count >= floor) frequent_words_.insert(word);
    counts_.clear();
    word_counts_.clear();
    if (!people_names_.empty())
        people_ = std::make_shared<const PiiScrubber>(
            std::vector<std::string>(people_names_.begin(), people_names_.end()), PiiScrubber::NameParts::Off);
    people_names_.clear();
}

bool ForumPhrases::contains(std::string_view lowered_phrase) const {
    if (frequent_.count(std::string(lowered_phrase)) > 0) return true;
    const std::vector<std::string_view> words = phrase_words(lowered_phrase);
    return !words.empty() && std::all_of(words.begin(), words.end(), [&](std::string_view word) {
        return frequent_words_.count(std::string(word)) > 0;
    });
}

std::vector<std::string> NameFinder::find(std::string_view text, const ForumPhrases* forum,
                                          std::vector<std::string>* uncued) const {
    const WordLists& l = lists();
    const std::vector<Word> words = words_of(text);
    const auto common = [&](const Word& w) {
        // "I'm", "I've", "I'd": the lists hold no contractions.
        return listed_common(l.common, w.lowered) || w.lowered.starts_with("i'") || one_of(kTitles, w.lowered);
    };
    const auto known = [&](const Word& w) { return l.names.count(std::string(base(w.lowered))) > 0 && !common(w); };
    const auto product = [&](const Word& w) {
        const std::string b(base(w.lowered));
        return l.products.count(b) > 0 || std::binary_search(vocabulary_.begin(), vocabulary_.end(), b);
    };
    // Particles and initials join the parts of a name: "van der Berg", "Zoë Ó Briain".
    const auto particle = [&](const Word& w) {
        const bool initial = w.end - w.start <= 2 && !u_islower(text_scan::code_point_at(text, w.start));
        return !w.title && !w.capitals && (one_of(kParticles, w.lowered) || initial);
    };
    // Inside a name, capitalised particles too: "Ruairí Mac Giolla Phádraig", "Jassim Al Thani".
    const auto inner_particle = [&](const Word& w) { return particle(w) || one_of(kInnerParticles, w.lowered); };
    const auto line_start = [&](std::size_t at) {
        while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t')) --at;
        return at == 0 || text[at - 1] == '\n';
    };
    const auto line_end = [&](std::size_t at) {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == ',' || text[at] == '.')) ++at;
        return at >= text.size() || text[at] == '\n';
    };
    const auto paragraph_end = [&](std::size_t at) {
        while (at < text.size() && (text[at] == ' ' || text[at] == ',' || text[at] == '.')) ++at;
        return at >= text.size() || text.substr(at, 2) == "\n\n";
    };
    // The line before position `at`, lower case, trimmed of spaces and a trailing comma.
    const auto previous_line = [&](std::size_t at) {
        std::size_t end = text.rfind('\n', at);
        if (end == std::string_view::npos || end == 0) return std::string();
        std::size_t begin = text.rfind('\n', end - 1);
        begin = begin == std::string_view::npos ? 0 : begin + 1;
        std::string line = lower(text.substr(begin, end - begin));
        while (!line.empty() && (line.back() == ' ' || line.back() == ',' || line.back() == '!')) line.pop_back();
        while (!line.empty() && line.front() == ' ') line.erase(0, 1);
        return line;
    };

    std::vector<std::string> names;
    const auto add = [&](std::size_t from, std::size_t to) {
        std::string name(text.substr(from, to - from));
        if (name.size() > 2 && name.ends_with("'s")) name.resize(name.size() - 2);
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
    };

    for (std::size_t i = 0; i < words.size();) {
        // A run of capitalised words with particles between them, on one line.
        std::size_t j = i;
        const bool all_caps_run = words[i].capitals;
        if (!(words[i].title || all_caps_run)) {
            ++i;
            continue;
        }
        while (j + 1 < words.size() && spaced(text, words[j], words[j + 1]) &&
               (all_caps_run ? words[j + 1].capitals : (words[j + 1].title || particle(words[j + 1]))))
            ++j;
        std::size_t last = j;
        while (last > i && particle(words[last])) --last;
        const std::size_t next = j + 1;

        // Cue before the run: the word (or sign-off) just before it on its line.
        bool cued = false;
        if (i > 0 && !line_start(words[i].start)) {
            const Word& before = words[i - 1];
            const std::string_view gap = text.substr(before.end, words[i].start - before.end);
            if (gap.find('\n') == std::string_view::npos && gap.find('.') == std::string_view::npos)
                cued = one_of(kCuesBefore, before.lowered) || one_of(kSignOffs, before.lowered);
            if (gap == ". " && one_of(kTitles, before.lowered)) cued = true;  // "Mr. Featherstonehaugh"
            // "his name was David Miller", "my manager is Jane Holloway".
            if (i > 1 && (before.lowered == "is" || before.lowered == "was") &&
                (words[i - 2].lowered == "name" || one_of(kCuesBefore, words[i - 2].lowered)))
                cued = true;
            // "you or Colm", "me and Aoife": a person beside a pronoun.
            if (i > 1 && (before.lowered == "or" || before.lowered == "and") &&
                (words[i - 2].lowered == "you" || words[i - 2].lowered == "me"))
                cued = true;
            if (gap.find('(') != std::string_view::npos) cued = false;
            if (gap.find(',') != std::string_view::npos && one_of(kSignOffs, before.lowered)) cued = true;
        }
        if (line_start(words[i].start) && one_of(kSignOffs, previous_line(words[i].start))) cued = true;
        bool beside_address = false;
        {
            // Beside an e-mail address: "Jamal Whitaker,jamal.whitaker@...", "Tom Brennan <tom@...>".
            std::size_t at = words[j].end;
            while (at < text.size() && at < words[j].end + 3 &&
                   (text[at] == ' ' || text[at] == ',' || text[at] == '<' || text[at] == '('))
                ++at;
            const std::size_t token_end = std::min(text.find_first_of(" \n,;>)", at), text.size());
            beside_address = at > words[j].end && text.substr(at, token_end - at).find('@') != std::string_view::npos;
        }
        if (all_caps_run) {
            // "JOSÉ MARÍA ÁLVAREZ DE LA FUENTE": three capital words or more, none a word or a product.
            std::size_t real = 0;
            bool plain = true;
            for (std::size_t k = i; k <= last; ++k) {
                if (one_of(kParticles, words[k].lowered)) continue;
                ++real;
                plain = plain && !common(words[k]) && !product(words[k]) && known(words[k]);
            }
            if (real >= 3 && plain) {
                std::string phrase = lower(text.substr(words[i].start, words[last].end - words[i].start));
                const bool frequent = !cued && forum && forum->contains(phrase);
                if (!cued && uncued) uncued->push_back(std::move(phrase));
                if (!frequent) add(words[i].start, words[last].end);
            }
            i = next;
            continue;
        }

        // Sentence-initial and ordinary capitalised words ("Our", "Today", "Ask") are not part of
        // the name that may follow them; a cue word among them counts as the cue.
        std::size_t first = i;
        // After a cue ("my mother, Aurelia Nkemelu") a leading word is kept unless it is a cue
        // or a product itself.
        while (first < last && (common(words[first]) || product(words[first])) && !known(words[first])) {
            // "Jane Holloway": a listed given name that is also a word, before a family name
            // that is not one, starts the name.
            if (l.names.count(std::string(base(words[first].lowered))) > 0 && !product(words[first]) &&
                !common(words[first + 1]))
                break;
            const bool is_cue = one_of(kCuesBefore, words[first].lowered) || one_of(kSignOffs, words[first].lowered);
            if (cued && !is_cue && !product(words[first])) break;
            cued = is_cue;
            ++first;
        }
        bool has_product = false;
        std::size_t uncommon = 0, parts = 0;
        for (std::size_t k = first; k <= last; ++k) {
            if (particle(words[k])) continue;
            ++parts;
            has_product = has_product || product(words[k]);
            uncommon += !common(words[k]) || known(words[k]);
        }
        const Word& head = words[first];
        const std::string_view after =
            next < words.size() && spaced(text, words[last], words[next]) ? std::string_view(words[next].lowered) : "";
        bool place_name = false;
        for (std::size_t k = first; k <= last; ++k)
            place_name =
                place_name || one_of(kPlaceWords, words[k].lowered) || one_of(kOrganisationWords, words[k].lowered);
        place_name = place_name || one_of(kOrganisationWords, after) || legal_form_at(text, words[last].end);
        // "Fabrikam Iberica S.L.": the run may have taken the form's first letter for an initial.
        for (std::size_t k = first + 1; k <= last && !place_name; ++k)
            place_name = words[k].end - words[k].start == 1 && legal_form_at(text, words[k].start);
        // A run led by the Arabic article is a place more often than a person ("Al Rayyan",
        // "Al Wakra"); a person so named comes with a cue or a given name first.
        if (!cued && (head.lowered == "al" || head.lowered == "el" || head.lowered.starts_with("al-")))
            place_name = true;
        // A product's or team's name ("Data Protection team", even after the cue "contact"),
        // and, uncued, a label on the screen: in a menu path, or named as a button or option.
        // Up to a possessive: "Andre Fischer's Profile" is a person's page, not a product.
        bool product_name = false;
        for (std::size_t k = first; k <= last; ++k) {
            const std::string_view word = words[k].lowered;
            product_name = product_name || one_of(kProductNouns, base(word.substr(0, word.find('-'))));
            if (word.ends_with("'s")) break;
        }
        const bool label = !cued && (in_menu_path(text, head.start, words[last].end) || one_of(kLabelAfter, after));
        if (has_product || place_name || product_name || label) {
            i = next;
            continue;
        }
        const bool alone_on_line = line_start(head.start) && line_end(words[last].end);
        // "Aoibheann in payroll says": a speech verb a few words on, in the same sentence.
        bool speaks = false;
        for (std::size_t k = next; k < words.size() && k < next + 4; ++k) {
            if (text.substr(words[k - 1].end, words[k].start - words[k - 1].end).find_first_of(".\n") !=
                std::string_view::npos)
                break;
            if (words[k].title || words[k].capitals) break;
            if (one_of(kCuesAfter, words[k].lowered) && k - next < 3 && words[k].lowered.starts_with("s"))
                speaks = true;
        }
        bool has_particle = false;
        for (std::size_t k = first + 1; k < last; ++k) has_particle = has_particle || inner_particle(words[k]);
        // A full name beside an address is cued by it; one word ("Helpdesk <it@...>") only when
        // the name lists hold it.
        if (beside_address && (parts >= 2 || l.names.count(std::string(base(head.lowered))) > 0)) cued = true;
        bool attribution = false;
        {
            std::size_t at = head.start;
            while (at > 0 && text[at - 1] == ' ') --at;
            if (at > 0 && (text[at - 1] == '-' || text[at - 1] == '~')) {
                while (at > 0 && (text[at - 1] == '-' || text[at - 1] == '~' || text[at - 1] == ' ')) --at;
                attribution = at > 0 && text[at - 1] == '"';
            }
        }
        bool is_name = false;
        if (parts >= 2) {
            // Every part an unknown word ("Gareth Llewellyn"), or a known name followed by a
            // capitalised family name that is also a word ("David Miller", "Wang Lei").
            // A known given name with a family name that is also a word ("David Miller", "Wang
            // Lei") holds only name-list words; "Doha College", "Marriott Hotel" do not.
            // A common plural ("Islamic Banks") or an adjective of a place or faith before a
            // common word ("Indian School", "Lebanese Food") is a thing, not a family name.
            const bool adjective_head = head.lowered.ends_with("ic") || head.lowered.ends_with("ian") ||
                                        head.lowered.ends_with("ese") || head.lowered.ends_with("ish") ||
                                        head.lowered.ends_with("ean");
            bool only_names = true;
            for (std::size_t k = first + 1; k <= last; ++k) {
                if (particle(words[k]) || !common(words[k])) continue;
                // Short parts are the given names of many languages ("Wang Lei", "Tran Van").
                const bool short_part = words[k].end - words[k].start <= 3;
                only_names = only_names && !adjective_head &&
                             (short_part || l.names.count(std::string(base(words[k].lowered))) > 0);
            }
            // A head in the name lists that is also a word ("Aurelia"), before family names
            // that are not words, is a name too.
            const bool listed_head =
                !adjective_head && l.names.count(std::string(base(head.lowered))) > 0 && uncommon + 1 >= parts;
            is_name = uncommon == parts || (known(head) && parts <= 3 && only_names) || listed_head ||
                      ((cued || has_particle) && uncommon >= 1);
            if (!cued && std::find(kPlaceAfter.begin(), kPlaceAfter.end(), after) != kPlaceAfter.end()) is_name = false;
            // The author of a quotation ('"No one can make you feel inferior..." - Eleanor
            // Roosevelt') is a public figure, and part of what the post says.
            if (!cued && attribution) is_name = false;
        } else if (parts == 1 && !common(head)) {
            const bool possessive = head.lowered.ends_with("'s");
            const bool aged = text.substr(head.end, 2) == " (" && head.end + 2 < text.size() &&
                              std::isdigit(static_cast<unsigned char>(text[head.end + 2]));
            const bool place = one_of(kPlaceAfter, after);
            // A known name alone is often a place ("Atlanta, GA", "in Germany"): it needs a cue.
            // A line holding just one short unknown capitalised word is a signature: "Bart" (a
            // long one is more likely a term: "Handelsregisterauszug").
            const bool signature = alone_on_line && head.end - head.start <= 12;
            is_name = !place &&
                      (cued || aged || speaks || one_of(kCuesAfter, after) || (possessive && known(head)) || signature);
        } else if (parts == 1 && alone_on_line &&
                   (cued || (l.names.count(head.lowered) > 0 && paragraph_end(words[last].end)))) {
            is_name = true;  // a signature that is also a word: "Thanks,\nWill", "...a look?\nTom"
        }
        if (is_name) {
            const std::string_view found = text.substr(head.start, words[last].end - head.start);
            if (!cued) {
                std::string phrase = lower(found);
                if (phrase.size() > 2 && phrase.ends_with("'s")) phrase.resize(phrase.size() - 2);
                if (forum && forum->contains(phrase)) is_name = false;
                if (uncued) uncued->push_back(std::move(phrase));
            }
        }
        if (is_name) add(head.start, words[last].end);
        i = next;
    }
    return names;
}

}  // namespace kb
