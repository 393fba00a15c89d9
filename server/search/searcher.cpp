#include "server/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "indexer/text/errors.h"
#include "indexer/schema/index_layout.h"
#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "indexer/text/synonyms.h"
#include "indexer/text/text_helpers.h"
#include "indexer/text/stop_words.h"
#include "server/search/english_query_parser.h"
#include "server/search/spelling_corrector.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

constexpr unsigned kSnippetLength = 260;
// Exact facet counts need the whole match set; past this many documents counts are estimates.
constexpr Xapian::doccount kFacetCheckAtLeast = 20000;
// search(): the share of the best thread's weight a thread needs to count as a match.
constexpr double kRelativeCutoff = 0.2;
// A code names the problem exactly, so it outweighs any single word.
constexpr double kCodeWeightScale = 3.0;

// Spelling is corrected by SpellingCorrector, not by the parser: see spelling_corrector.h.
const unsigned kQueryFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                             Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_PURE_NOT;
// Plain words only: what a stray quote or bracket falls back to, and how drafts are read.
const unsigned kPlainFlags = 0;
// A half-typed last word expands to at most this many of its most frequent completions.
constexpr Xapian::termcount kPartialExpansion = 40;

AnswerView answer_view(const ThreadRecord& record) {
    AnswerView view;
    const Answer* a = record.canonical_answer();
    if (!a) return view;
    view.index = record.canonical.index;
    view.text = a->body;
    view.role = std::string(to_string(a->role));
    view.role_name = std::string(role_display_name(a->role));
    view.role_label = a->role_label;
    view.why = record.canonical.why;
    view.ai = a->role == AuthorRole::Ai;
    view.accepted = a->accepted;
    view.helpful = a->helpful;
    return view;
}

}  // namespace

Searcher::Searcher(fs::path db) : path_(std::move(db)) {
    for (std::string_view word : kEnglishStopWords) stopper_.add(std::string(word));
    open();
}

void Searcher::open() {
    std::error_code ec;
    if (!fs::exists(path_, ec))
        throw IndexError("no index at " + path_.string() + " (build one with `kbsearch index`)");
    std::string generation = live_generation(path_).value_or("");
    try {
        db_ = Xapian::Database(path_.string());
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexError("cannot open index " + path_.string() + ": " + e.get_msg());
    }
    // The questions database beside the main one; an index built before it existed has none,
    // and drafts are then matched against whole threads only.
    questions_.reset();
    const fs::path questions = (generation.empty() ? path_ : path_ / generation) / schema::kQuestionsDatabase;
    if (fs::is_directory(questions, ec)) {
        try {
            questions_ = Xapian::Database(questions.string());
        } catch (const Xapian::DatabaseOpeningError& e) {
            throw IndexError("cannot open " + questions.string() + ": " + e.get_msg());
        }
    }
    generation_ = std::move(generation);
}

void Searcher::refresh() {
    const std::string live = live_generation(path_).value_or("");
    if (live != generation_) {
        open();
    } else {
        db_.reopen();  // picks up changes written into the live generation (`kbsearch synonyms`)
    }
}

Xapian::Query Searcher::either(const Xapian::Query& a, const Xapian::Query& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return Xapian::Query(Xapian::Query::OP_OR, a, b);
}

Xapian::Query Searcher::text_query(const std::string& text, unsigned flags) {
    if (text.empty()) return Xapian::Query();
    Xapian::QueryParser qp = english_query_parser(db_, stemmer_, &stopper_);
    qp.set_max_expansion(kPartialExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                         Xapian::QueryParser::FLAG_PARTIAL);
    for (const auto& field : schema::kQueryFields)
        if (!field.boolean) qp.add_prefix(std::string(field.field), std::string(field.prefix));
    Xapian::Query query;
    try {
        query = qp.parse_query(text, flags);
    } catch (const Xapian::QueryParserError&) {
        // Natural text with a stray quote or "AND OR NOT" soup: read it as plain words.
        query = qp.parse_query(text, kPlainFlags | (flags & Xapian::QueryParser::FLAG_PARTIAL));
    }
    return query;
}

// Other forms of any phrase in the text that the synonym table knows ("mfa" -> "two step
// verification"), each as a phrase, weighted below the words the user typed.
Xapian::Query Searcher::synonyms_query(const std::string& folded_text) {
    constexpr std::size_t kLongestForm = 4;
    constexpr double kSynonymWeight = 0.6;
    std::vector<std::string> words;
    {
        const std::string key = synonym_key(folded_text, normaliser_);
        std::size_t from = 0;
        while (from < key.size()) {
            std::size_t space = key.find(' ', from);
            if (space == std::string::npos) space = key.size();
            words.push_back(key.substr(from, space - from));
            from = space + 1;
        }
    }
    if (db_.synonym_keys_begin() == db_.synonym_keys_end()) return Xapian::Query();
    // Each phrase's other forms count as one term (OP_SYNONYM), so a group with many forms does
    // not outweigh the words the user typed.
    std::vector<Xapian::Query> groups;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string form;
        for (std::size_t n = 0; n < kLongestForm && i + n < words.size(); ++n) {
            form += (n ? " " : "") + words[i + n];
            std::vector<Xapian::Query> alternatives;
            for (auto s = db_.synonyms_begin(form); s != db_.synonyms_end(form); ++s) {
                if (!seen.insert(*s).second) continue;
                const std::string phrase = (*s).find(' ') == std::string::npos ? *s : "\"" + *s + "\"";
                alternatives.push_back(text_query(phrase, Xapian::QueryParser::FLAG_PHRASE));
            }
            if (!alternatives.empty())
                groups.emplace_back(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
        }
    }
    if (groups.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, groups.begin(), groups.end()),
                         kSynonymWeight);
}

Xapian::Query Searcher::codes_query(const std::vector<ErrorCode>& codes, bool prefix_when_unknown) const {
    std::vector<Xapian::Query> parts;
    for (const ErrorCode& code : codes) {
        std::vector<Xapian::Query> keys;
        for (const std::string& key : code.keys) {
            const std::string term = std::string(schema::kErrorCodePrefix) + key;
            keys.emplace_back(term);
            if (db_.term_exists(term)) continue;
            // A code half typed ("5001" on the way to 500121) matches the codes it starts.
            if (prefix_when_unknown)
                keys.emplace_back(Xapian::Query::OP_WILDCARD, term, kPartialExpansion,
                                  Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
            // A number no thread has as a code is an ordinary word ("Office 2016").
            if (all_digits(key)) keys.emplace_back(key);
        }
        parts.emplace_back(Xapian::Query::OP_OR, keys.begin(), keys.end());
    }
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                         kCodeWeightScale);
}

// The codes as the words the text holds ("0x80070005", "aadsts500121"), with no weight and
// no effect on what matches: they are there so snippets highlight the code.
Xapian::Query Searcher::with_code_words(const Xapian::Query& query, const UnderstoodQuery& understood) const {
    if (query.empty()) return query;
    std::vector<Xapian::Query> words;
    for (const auto* codes : {&understood.codes, &understood.required_codes})
        for (const ErrorCode& code : *codes) {
            words.emplace_back(normaliser_.fold(code.display));
            for (const std::string& key : code.keys) words.emplace_back(key);
        }
    if (words.empty()) return query;
    const Xapian::Query unweighted(Xapian::Query::OP_SCALE_WEIGHT,
                                   Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()), 0.0);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, unweighted);
}

// -word and -"a phrase" as one query of everything to drop. Stop words are not excluded: the
// parser keeps a stop word that stands alone, and "-the" would drop every thread.
Xapian::Query Searcher::excluded_words_query(const UnderstoodQuery& understood) {
    std::vector<Xapian::Query> parts;
    for (const std::string& words : understood.excluded_words) {
        if (words.find_first_of(" \"") == std::string::npos && stopper_(words)) continue;
        const Xapian::Query part = text_query(words, Xapian::QueryParser::FLAG_PHRASE);
        if (!part.empty()) parts.push_back(part);
    }
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// Threads having all (OP_AND) or any (OP_OR) of the codes, as a filter without weight.
Xapian::Query Searcher::codes_filter(const std::vector<ErrorCode>& codes, Xapian::Query::op combine) const {
    std::vector<Xapian::Query> parts;
    for (const ErrorCode& code : codes) {
        std::vector<Xapian::Query> keys;
        for (const std::string& key : code.keys) keys.emplace_back(std::string(schema::kErrorCodePrefix) + key);
        parts.emplace_back(Xapian::Query::OP_OR, keys.begin(), keys.end());
    }
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(combine, parts.begin(), parts.end()), 0.0);
}

namespace {


// Restricts `query` to any of the products; products alone browse everything in them.
Xapian::Query with_products(const Xapian::Query& query, const std::vector<std::string>& product_keys) {
    if (product_keys.empty()) return query;
    std::vector<Xapian::Query> terms;
    for (const std::string& key : product_keys) terms.emplace_back(std::string(schema::kProductPrefix) + key);
    Xapian::Query filter(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return query.empty() ? filter : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

}  // namespace

SearchResult Searcher::search(const SearchRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    if (request.limit < 0 || request.limit > kMaxLimit)
        throw QueryError("limit must be between 0 and " + std::to_string(kMaxLimit));
    if (request.offset < 0 || request.offset > kMaxOffset)
        throw QueryError("offset must be between 0 and " + std::to_string(kMaxOffset));

    UnderstoodQuery understood = understanding_.understand(request.query);
    std::vector<std::string> filter_keys = understood.product_keys;
    for (const std::string& product : request.products)
        if (!product.empty()) filter_keys.push_back(product_key(normaliser_, product));
    // A query that ends in a space has its last word finished.
    const bool partial = request.partial && !request.query.empty() &&
                         !std::isspace(static_cast<unsigned char>(request.query.back()));
    const Xapian::Query codes = codes_query(understood.codes, partial);
    const unsigned flags = kQueryFlags | (partial ? unsigned(Xapian::QueryParser::FLAG_PARTIAL) : 0u);

    // Filters that weigh nothing: code:X keeps only threads with the code; -X, -word, -"phrase"
    // and -product:x drop threads. Exclusions go last, after the product filters, so that
    // "product:outlook -password" excludes too.
    const Xapian::Query required = codes_filter(understood.required_codes, Xapian::Query::OP_AND);
    const Xapian::Query unwanted =
        either(either(codes_filter(understood.excluded_codes, Xapian::Query::OP_OR), excluded_words_query(understood)),
               with_products(Xapian::Query(), understood.excluded_product_keys));
    auto without_unwanted = [&](const Xapian::Query& query) {
        return unwanted.empty() || query.empty() ? query : Xapian::Query(Xapian::Query::OP_AND_NOT, query, unwanted);
    };
    // Products typed in the query (product:x) narrow the facets too; the page's product choice
    // does not, so its facet list keeps every other product to switch to.
    auto build = [&](const std::string& text, unsigned text_flags) {
        Xapian::Query positive = either(either(text_query(text, text_flags), synonyms_query(text)), codes);
        if (!required.empty())
            positive = Xapian::Query(Xapian::Query::OP_FILTER,
                                     positive.empty() ? codes_query(understood.required_codes) : positive, required);
        const Xapian::Query matched = with_code_words(positive, understood);
        const bool chosen_products = filter_keys.size() > understood.product_keys.size();
        const Xapian::Query unfiltered =
            chosen_products ? without_unwanted(with_products(matched, understood.product_keys)) : Xapian::Query();
        return std::pair{without_unwanted(with_products(matched, filter_keys)), unfiltered};
    };
    auto [query, facet_query] = build(understood.text, flags);
    if (query.empty()) throw QueryError("query has no searchable words");
    SearchResult result = run(query, facet_query, request);

    // A stray quote or bracket can make a phrase that matches nothing: try the plain words.
    if (result.total == 0 && understood.text.find_first_of("\"()") != std::string::npos) {
        auto [plain, plain_facets] = build(understood.text, kPlainFlags | (flags & Xapian::QueryParser::FLAG_PARTIAL));
        if (!plain.empty()) result = run(plain, plain_facets, request);
    }
    const std::string corrected = spelling_suggestion(understood.text, partial);
    if (!corrected.empty()) {
        // Shown as the whole query with its words corrected, filters and exclusions kept, so
        // following the suggestion asks the same question.
        std::string suggestion = spelling_suggestion(normaliser_.clean(request.query), partial);
        if (suggestion.empty()) suggestion = corrected;
        result.suggestion = suggestion;
        if (result.total == 0) {
            auto [fixed_query, fixed_facets] = build(corrected, flags);
            SearchResult fixed = run(fixed_query, fixed_facets, request);
            if (fixed.total > 0) {
                fixed.suggestion = suggestion;
                fixed.corrected = true;
                result = std::move(fixed);
            }
        }
    }
    result.query = request.query;
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

std::string Searcher::spelling_suggestion(const std::string& text, bool partial) const {
    const SpellingCorrector corrector(db_, stemmer_);
    if (!partial) return corrector.correct(text);
    // The word being typed is left alone: it is a prefix, not a misspelling.
    const auto cut = text.find_last_of(" \t\n");
    if (cut == std::string::npos) return {};
    const std::string head = corrector.correct(text.substr(0, cut));
    return head.empty() ? std::string() : head + text.substr(cut);
}

// Threads that match only weakly (one common word of "error 500121 authenticator") are no
// answer: a thread must weigh at least kRelativeCutoff of the best one's weight to count, so
// the total and the facets describe the answers, not every thread that says "error".
double Searcher::weight_floor(const Xapian::Query& query) const {
    Xapian::Enquire probe(db_);
    probe.set_query(query);
    const Xapian::MSet best = probe.get_mset(0, 1);
    return best.empty() ? 0.0 : best.begin().get_weight() * kRelativeCutoff;
}

SearchResult Searcher::run(const Xapian::Query& query, const Xapian::Query& facet_query, const SearchRequest& request) {
    const Xapian::doccount check_at_least =
        request.with_facets ? std::min(db_.get_doccount(), kFacetCheckAtLeast) : 0;
    Xapian::ValueCountMatchSpy product_spy(schema::kSlotProduct);
    // An empty facet_query: the facets come from `query` itself.
    const bool facets_apart = request.with_facets && !facet_query.empty();
    // One floor for the hits and the facets, from the query the facets count, so the chosen
    // product's facet count is the total.
    const double floor = weight_floor(facets_apart ? facet_query : query);
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_cutoff(0, floor);
    if (request.with_facets && !facets_apart) enquire.add_matchspy(&product_spy);
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                               static_cast<Xapian::doccount>(request.limit), check_at_least);
    if (facets_apart) {
        Xapian::Enquire counting(db_);
        counting.set_query(facet_query);
        counting.set_cutoff(0, floor);
        counting.add_matchspy(&product_spy);
        counting.get_mset(0, 0, check_at_least);
    }
    SearchResult result;
    result.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) result.hits.push_back(make_hit(it, mset));
    if (request.with_facets)
        for (auto it = product_spy.top_values_begin(50); it != product_spy.top_values_end(50); ++it)
            result.facets.push_back(Facet{*it, it.get_termfreq()});
    return result;
}

SearchHit Searcher::make_hit(const Xapian::MSetIterator& item, const Xapian::MSet& mset) {
    const Xapian::Document doc = item.get_document();
    const ThreadRecord record = parse_record(doc.get_data());
    SearchHit hit;
    hit.id = record.thread.id;
    hit.title = record.thread.title;
    hit.score = item.get_weight();
    hit.percent = item.get_percent();
    hit.products = record.thread.product_path;
    for (const ErrorCode& code : record.codes) hit.error_codes.push_back(code.display);
    hit.date = record.thread.date;
    std::string source = record.thread.question;
    if (const Answer* a = record.canonical_answer()) source += "\n" + a->body;
    // Long enough for the whole title, so it comes back highlighted and never cut.
    hit.title_html = mset.snippet(hit.title, hit.title.size() + 1, stemmer_, 0, "<mark>", "</mark>", "");
    hit.snippet = mset.snippet(source, kSnippetLength, stemmer_,
                               Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                               "<mark>", "</mark>", "…");
    if (record.canonical_answer()) hit.answer = answer_view(record);
    return hit;
}

ThreadRecord Searcher::thread(const std::string& id) {
    // A malformed id is the client's mistake, and is not echoed back: it is not text.
    if (id.size() > 200 || !Normaliser::is_valid_utf8(id)) throw QueryError("thread id is too long or not valid UTF-8");
    if (id.empty()) throw NotFoundError("no thread ''");
    const std::string term = id_term(id);
    Xapian::PostingIterator it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) throw NotFoundError("no thread '" + id + "'");
    return parse_record(db_.get_document(*it).get_data());
}

std::vector<SearchHit> Searcher::threads_with_codes(const std::vector<ErrorCode>& codes, const std::string& except_id,
                                                    int limit) {
    std::vector<SearchHit> hits;
    const Xapian::Query query = codes_query(codes);
    if (query.empty()) return hits;
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit) + 1);
    for (auto it = mset.begin(); it != mset.end() && static_cast<int>(hits.size()) < limit; ++it) {
        SearchHit hit = make_hit(it, mset);
        if (hit.id != except_id) hits.push_back(std::move(hit));
    }
    return hits;
}

std::vector<SearchHit> Searcher::duplicates_of(const ThreadRecord& record, int limit) {
    std::vector<SearchHit> hits;
    if (record.duplicate_group.empty()) return hits;
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(std::string(schema::kDupGroupPrefix) + record.duplicate_group));
    enquire.set_sort_by_value(schema::kSlotHelpful, true);  // the best-answered first
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit) + 1);
    for (auto it = mset.begin(); it != mset.end() && static_cast<int>(hits.size()) < limit; ++it) {
        SearchHit hit = make_hit(it, mset);
        if (hit.id != record.thread.id) hits.push_back(std::move(hit));
    }
    return hits;
}

std::vector<Completion> Searcher::suggest(const std::string& prefix_query, int limit) {
    if (prefix_query.size() > kMaxQueryBytes) throw QueryError("query too long");
    if (!Normaliser::is_valid_utf8(prefix_query)) throw QueryError("query is not valid UTF-8");
    if (limit < 1 || limit > 50) throw QueryError("limit must be between 1 and 50");
    const std::string folded = normaliser_.fold(prefix_query);
    const auto cut = folded.find_last_of(" \t\n");
    const std::string head = cut == std::string::npos ? "" : folded.substr(0, cut + 1);
    const std::string last = cut == std::string::npos ? folded : folded.substr(cut + 1);
    std::vector<Completion> out;
    if (last.empty()) return out;

    auto collect = [&](const std::string& prefix, const std::string& kind, std::size_t strip) {
        std::vector<Completion> found;
        for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
            const std::string term = (*t).substr(strip);
            if (kind == "word" && (term.empty() || !std::isalpha(static_cast<unsigned char>(term[0])) ||
                                   stopper_(term)))
                continue;
            found.push_back(Completion{head + term, kind, t.get_termfreq()});
            if (found.size() > 2000) break;  // a one-letter prefix: enough to rank
        }
        std::sort(found.begin(), found.end(), [](const Completion& a, const Completion& b) {
            return a.frequency != b.frequency ? a.frequency > b.frequency : a.text < b.text;
        });
        return found;
    };
    std::string code_prefix = last;
    if (code_prefix.rfind("0x", 0) == 0) code_prefix = code_prefix.substr(2);
    // "teams c" is the start of a word, not of c004f074: codes are offered once the prefix
    // holds a digit or three characters.
    const bool code_like = code_prefix.size() >= 3 || std::any_of(code_prefix.begin(), code_prefix.end(), is_ascii_digit);
    if (code_like) {
        for (Completion& c : collect(std::string(schema::kErrorCodePrefix) + code_prefix, "code",
                                     schema::kErrorCodePrefix.size())) {
            if (static_cast<int>(out.size()) >= std::max(2, limit / 3)) break;
            out.push_back(std::move(c));
        }
    }
    for (Completion& c : collect(last, "word", 0)) {
        if (static_cast<int>(out.size()) >= limit) break;
        if (std::none_of(out.begin(), out.end(), [&](const Completion& o) { return o.text == c.text; }))
            out.push_back(std::move(c));
    }
    return out;
}

}  // namespace kb
