#include "server/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <tuple>

#include "indexer/schema/generation_check.h"
#include "indexer/schema/index_layout.h"
#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "indexer/text/stop_words.h"
#include "indexer/text/text_helpers.h"
#include "server/search/completer.h"
#include "server/search/facet_counts.h"
#include "server/search/hits.h"
#include "server/search/query_builder.h"
#include "server/search/spelling_corrector.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// Products listed in the facets, the most matched first.
constexpr std::size_t kMaxFacets = 50;
// search(): the share of the best thread's weight a thread needs to count as a match.
constexpr double kRelativeCutoff = 0.2;

}  // namespace

Searcher::Searcher(fs::path db, ShardPolicy policy) : path_(std::move(db)), policy_(std::move(policy)) {
    if (!policy_.health) policy_.health = std::make_shared<ShardHealth>();
    for (std::string_view word : kEnglishStopWords) stopper_.add(std::string(word));
    try {
        open();
    } catch (const ShardUnavailableError&) {
        if (!policy_.start_while_down) throw;  // else stale_: refresh() tries again
    }
}

void Searcher::open() {
    std::error_code ec;
    if (!fs::exists(path_, ec))
        throw IndexError("no index at " + path_.string() + " (build one with `kbsearch index`)");
    stale_ = true;  // until both databases are open
    std::string generation = live_generation(path_).value_or("");
    // Damaged tables can crash Xapian mid-search: each generation is checked before its first use.
    GenerationCheck::once(generation.empty() ? path_ : path_ / generation, std::clog);
    OpenedIndex main = open_index(path_, *policy_.health, policy_.partial_results);
    // The questions database beside the main one; an index built before it existed has none,
    // and drafts are then matched against whole threads only.
    std::optional<Xapian::Database> questions_all;
    std::vector<std::string> missing = std::move(main.missing);
    const fs::path questions = (generation.empty() ? path_ : path_ / generation) / schema::kQuestionsDatabase;
    if (fs::exists(questions, ec)) {  // a database, or a stub listing each shard's
        OpenedIndex opened = open_index(questions, *policy_.health, policy_.partial_results);
        questions_all = std::move(opened.db);
        for (std::string& name : opened.missing)
            if (std::find(missing.begin(), missing.end(), name) == missing.end()) missing.push_back(std::move(name));
    }
    db_ = std::move(main.db);
    remote_ = main.remote;
    questions_all_ = std::move(questions_all);
    missing_ = std::move(missing);
    generation_ = std::move(generation);
    stale_ = false;
    check_questions();
}

void Searcher::check_questions() {
    // An update cut off between its two commits leaves the questions database out of step until
    // the next writer repairs it; drafts are matched against whole threads only until then.
    // A sharded index keeps a serial per shard, where the stub's metadata cannot show them
    // (a multi-database reads metadata from its first, the spelling database).
    questions_.reset();
    const std::string key(schema::kUpdateSerialKey);
    if (questions_all_ && (db_.size() > 1 || questions_all_->get_metadata(key) == db_.get_metadata(key)))
        questions_ = questions_all_;
}

void Searcher::refresh() {
    // Read before the look for changes: an answer computed now is then never kept under a
    // version a change made after this read has already ended.
    cache_version_.reset();
    const std::optional<std::uint64_t> version =
        cache_ && !remote_ ? std::optional<std::uint64_t>(cache_->version()) : std::nullopt;
    const auto changed = [&] {
        if (cache_) cache_->changed();
    };
    const std::string live = live_generation(path_).value_or("");
    const bool retry_missing = std::any_of(missing_.begin(), missing_.end(),
                                           [&](const std::string& shard) { return policy_.health->may_try(shard); });
    if (live != generation_ || stale_ || retry_missing) {
        open();
        changed();
        return;
    }
    // Picks up changes written into the live generation (`--update`, `delete`, `synonyms`).
    bool moved = false;
    try {
        moved = db_.reopen();
        moved = (questions_all_ && questions_all_->reopen()) || moved;
    } catch (const Xapian::NetworkError&) {
        // A remote shard's connection died while the searcher was idle (xapian-tcpsrv closes
        // idle ones after a minute by default): connect again.
        open();
        changed();
        return;
    }
    if (moved) {
        check_questions();
        changed();
        return;
    }
    if (!remote_ && missing_.empty()) cache_version_ = version;
}

SearchResult Searcher::search(const SearchRequest& request) {
    if (!cache_ || !cache_version_) return search_uncached(request);
    const auto started = std::chrono::steady_clock::now();
    const std::string key = ResultCache::key_of(request);
    if (std::optional<SearchResult> known = cache_->find(*cache_version_, key)) {
        known->took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        return std::move(*known);
    }
    SearchResult result = search_uncached(request);
    // A partial answer (cut by the time budget) is not what the query would find next time.
    if (!result.timed_out) cache_->store(*cache_version_, key, result);
    return result;
}

SearchResult Searcher::search_uncached(const SearchRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    if (request.limit < 0 || request.limit > kMaxLimit)
        throw QueryError("limit must be between 0 and " + std::to_string(kMaxLimit), QueryProblem::BadParameter);
    if (request.offset < 0 || request.offset > kMaxOffset)
        throw QueryError("offset must be between 0 and " + std::to_string(kMaxOffset), QueryProblem::BadParameter);
    const TimeBudget::Scope timed(budget_);
    // Stages past the first pass are worth their cost only while the budget lasts.
    bool skipped = false;
    const auto affordable = [&] {
        skipped = skipped || budget_.spent();
        return !budget_.spent();
    };

    UnderstoodQuery understood = understanding_.understand(request.query);
    // A query that ends in a space has its last word finished, and so has one that ends in a
    // word the index knows: typing "teams camera not working" ranks and counts exactly as
    // pressing Enter does, and only a word the index has not seen ("passw") is a prefix.
    const bool partial = request.partial && !request.query.empty() &&
                         !std::isspace(static_cast<unsigned char>(request.query.back())) &&
                         !ends_in_known_word(request.query);
    const unsigned flags = QueryBuilder::kQueryFlags | (partial ? unsigned(Xapian::QueryParser::FLAG_PARTIAL) : 0u);
    std::vector<std::string> chosen_keys;
    std::vector<std::pair<std::string, std::string>> asked_products;  // as asked for, key
    for (const std::string& key : understood.product_keys) asked_products.emplace_back(key, key);
    for (const std::string& product : request.products)
        if (!product.empty()) {
            chosen_keys.push_back(product_key(normaliser_, product));
            asked_products.emplace_back(product, chosen_keys.back());
        }
    const QueryBuilder builder(db_, stemmer_, stopper_);
    auto build = [&](const std::string& text, unsigned text_flags) {
        return builder.build(understood, text, text_flags, partial, chosen_keys, request.accepted_only);
    };
    auto [query, facet_query] = build(understood.text, flags);
    if (query.empty()) throw QueryError("query has no searchable words", QueryProblem::Empty);
    SearchResult result = run(query, facet_query, request);

    // A stray quote or bracket can make a phrase that matches nothing: try the plain words.
    if (result.total == 0 && understood.text.find_first_of("\"()") != std::string::npos && affordable()) {
        auto [plain, plain_facets] =
            build(understood.text, QueryBuilder::kPlainFlags | (flags & Xapian::QueryParser::FLAG_PARTIAL));
        if (!plain.empty()) result = run(plain, plain_facets, request);
    }
    const std::string corrected = affordable() ? spelling_suggestion(understood.text, partial) : std::string();
    // Shown as the whole query with its words corrected, filters and exclusions kept, so
    // following the suggestion asks the same question; read from the text as typed, whose case
    // says what is code-shaped ("PASWORD" is a name in capitals, not a typo).
    const std::string suggestion =
        corrected.empty() ? std::string() : spelling_suggestion(normaliser_.clean(request.query), partial);
    if (!suggestion.empty()) {
        // Typo tolerance: a corrected word is one the index does not know, so it matched nothing
        // as typed; the corrected query is searched, and shown when its results are clearly
        // better (a stronger best match, or any match where there was none). Otherwise the
        // correction is only offered, and one that finds nothing is not even offered.
        auto [fixed_query, fixed_facets] = build(corrected, flags);
        SearchResult fixed = run(fixed_query, fixed_facets, request);
        const bool better = fixed.total > 0 && (result.total == 0 || clearly_better(fixed, result));
        if (better) {
            fixed.suggestion = suggestion;
            fixed.corrected = true;
            result = std::move(fixed);
        } else if (result.total > 0 && fixed.total > 0) {
            result.suggestion = suggestion;
        }
    }
    result.unknown_products = unknown_products(asked_products);
    if (reads_as_question(understood, request) && !result.corrected && result.total > 0 && affordable())
        blend_with_similar(result, query, facet_query, request);
    if (request.offset == 0 && !query.empty() && affordable()) {
        std::vector<ErrorCode> codes = understood.required_codes;
        codes.insert(codes.end(), understood.codes.begin(), understood.codes.end());
        result.code_card = code_card(codes, query, narrowing(understood, request));
    }
    result.query = request.query;
    result.missing_shards = missing_;
    result.timed_out = skipped || budget_.cut();
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

namespace {

// A query of this many words or more is a pasted question or paragraph, not keywords.
constexpr std::size_t kQuestionWords = 12;
// Fusion of the two orders: reciprocal ranks (k = 60, as in Cormack et al.'s RRF), the duplicate
// finder's weighted above the text search's, which reads a paragraph as keyword soup. The
// fusion covers at least this many of the best of each, and the page asked for, up to kMaxLimit.
constexpr double kFusionK = 60;
constexpr double kSimilarShare = 4.0;
constexpr int kFusionDepth = 10;

}  // namespace

// The parts of a query beyond its codes that narrow what a code card counts, as the page names them.
std::vector<std::string> Searcher::narrowing(const UnderstoodQuery& understood, const SearchRequest& request) {
    std::vector<std::string> parts;
    if (const std::string_view words = trim(understood.text); !words.empty()) parts.emplace_back(words);
    for (const std::string& key : understood.product_keys) parts.push_back("product:" + key);
    for (const std::string& product : request.products)
        if (!product.empty()) parts.push_back("product: " + product);
    for (const std::string& key : understood.excluded_product_keys) parts.push_back("-product:" + key);
    for (const std::string& word : understood.excluded_words)
        parts.push_back(word.find(' ') == std::string::npos ? "-" + word : "-\"" + word + "\"");
    for (const ErrorCode& code : understood.excluded_codes) parts.push_back("-" + code.display);
    if (request.accepted_only) parts.emplace_back("accepted answers only");
    return parts;
}

// Words, no filters, no operators beyond what prose has: how a customer's words arrive.
bool Searcher::reads_as_question(const UnderstoodQuery& understood, const SearchRequest& request) {
    if (request.sort != SortOrder::Relevance || request.limit == 0 || request.offset + request.limit > kMaxLimit)
        return false;
    if (!understood.required_codes.empty() || !understood.product_keys.empty() || !understood.excluded_words.empty() ||
        !understood.excluded_codes.empty() || !understood.excluded_product_keys.empty())
        return false;
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : understood.text) {
        const bool letter = std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
        if (letter && !in_word) ++words;
        in_word = letter;
    }
    return words >= kQuestionWords;
}

// Measured on SemEval 2016 B dev (kbsearch eval, the "search(), the question pasted" row).
void Searcher::blend_with_similar(SearchResult& result, const Xapian::Query& query, const Xapian::Query& facet_query,
                                  const SearchRequest& request) {
    SearchRequest deeper = request;
    deeper.offset = 0;
    deeper.limit = std::max(kFusionDepth, request.offset + request.limit);
    deeper.with_facets = false;
    // The first page of a search as deep as the fusion already holds the text search's order.
    const std::vector<SearchHit> typed =
        request.offset == 0 && request.limit >= deeper.limit ? result.hits : run(query, facet_query, deeper).hits;
    std::vector<SearchHit> alike;
    try {
        alike = similar(request.query, deeper.limit).hits;
    } catch (const QueryError&) {
        // The finder drops more filler than the search does ("what is the ... and so"): with
        // nothing left for it, the text search's order stands.
        return;
    }
    std::map<std::string, double> fused;
    std::map<std::string, const SearchHit*> hit_of;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        fused[typed[i].id] += 1.0 / (kFusionK + static_cast<double>(i + 1));
        hit_of[typed[i].id] = &typed[i];
    }
    for (std::size_t i = 0; i < alike.size(); ++i) {
        // The product and accepted-only filters hold for the duplicate finder's threads too.
        if ((!request.products.empty() || request.accepted_only) && !hit_of.count(alike[i].id)) continue;
        fused[alike[i].id] += kSimilarShare / (kFusionK + static_cast<double>(i + 1));
        hit_of.emplace(alike[i].id, &alike[i]);
    }
    std::vector<std::pair<double, std::string>> order;
    for (const auto& [id, score] : fused) order.emplace_back(score, id);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<SearchHit> hits;
    std::set<std::string> groups;
    for (const auto& [score, id] : order) {
        SearchHit hit = *hit_of[id];
        // One thread per duplicate group, as the text search folds them.
        if (request.collapse && !hit.group.empty() && !groups.insert(hit.group).second) continue;
        hit.matched.clear();
        hit.shared_codes.clear();
        hit.same_product = false;
        hits.push_back(std::move(hit));
    }
    const auto from = std::min(hits.size(), static_cast<std::size_t>(request.offset));
    const auto to = std::min(hits.size(), from + static_cast<std::size_t>(request.limit));
    result.hits.assign(std::make_move_iterator(hits.begin() + static_cast<std::ptrdiff_t>(from)),
                       std::make_move_iterator(hits.begin() + static_cast<std::ptrdiff_t>(to)));
}

// Whether `fixed` answers better than `typed`: its best match weighs clearly more (the corrected
// word matched), or, with no hits asked for, it matches more threads.
bool Searcher::clearly_better(const SearchResult& fixed, const SearchResult& typed) {
    constexpr double kClearlyMore = 1.1;
    if (!fixed.hits.empty() && !typed.hits.empty())
        return fixed.hits.front().score > typed.hits.front().score * kClearlyMore;
    return fixed.total > typed.total;
}

bool Searcher::ends_in_known_word(const std::string& query) const {
    std::size_t start = query.size();
    while (start > 0 && std::isalpha(static_cast<unsigned char>(query[start - 1]))) --start;
    // A word glued to a quote, a field name or a code is left to the parser's partial reading.
    if (start == query.size() || (start > 0 && !std::isspace(static_cast<unsigned char>(query[start - 1]))))
        return false;
    const std::string word = normaliser_.fold(query.substr(start));
    return db_.term_exists(word) || db_.term_exists(std::string(schema::kStemPrefix) + stemmer_(word));
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
    probe.set_query(bounded(query));
    const Xapian::MSet best = probe.get_mset(0, 1);
    return best.empty() ? 0.0 : best.begin().get_weight() * kRelativeCutoff;
}

// A group folded into a thread nobody answered shows its best-matching answered thread instead:
// the reader came for an answer, and the group holds one.
void Searcher::answered_member(SearchHit& hit, const Xapian::Query& query, double floor, const std::string& group) {
    Xapian::Enquire members(db_);
    members.set_query(
        bounded_ranked(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                     Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotGroup, group, group))));
    members.set_cutoff(0, floor);
    const Xapian::MSet mset = members.get_mset(0, hit.similar + 1);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        SearchHit member = make_hit(it, mset, stemmer_);
        if (!member.answer) continue;
        member.similar = hit.similar;
        hit = std::move(member);
        return;
    }
}

SearchResult Searcher::run(const Xapian::Query& query, const Xapian::Query& facet_query, const SearchRequest& request) {
    const bool fold = request.collapse;
    const Xapian::doccount check_at_least =
        request.with_facets || fold ? std::min(db_.get_doccount(), kFacetCheckAtLeast) : 0;
    // Counting: one spy over the facet key counts the products and, folded, each group once.
    // Xapian's own counts are not to be trusted with both a collapse key and a weight cutoff (on
    // the corpus: 50 estimated of 35 matches), and spies are built in, so shards on
    // xapian-tcpsrv count them too.
    Xapian::ValueCountMatchSpy hit_spy(schema::kSlotFacet), facet_spy(schema::kSlotFacet);
    // An empty facet_query: the facets come from `query` itself.
    const bool facets_apart = request.with_facets && !facet_query.empty();
    // One floor for the hits and the facets, from the query the facets count, so the chosen
    // product's facet count is the total.
    const double floor = weight_floor(facets_apart ? facet_query : query);
    Xapian::Enquire enquire(db_);
    enquire.set_query(bounded_ranked(query));
    enquire.set_cutoff(0, floor);
    if (fold) enquire.set_collapse_key(schema::kSlotGroup);
    // Newest first among the matches over the floor; a thread without a date goes last.
    const bool newest = request.sort == SortOrder::Newest;
    if (newest) enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    if (fold || (request.with_facets && !facets_apart)) enquire.add_matchspy(&hit_spy);
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                               static_cast<Xapian::doccount>(request.limit), check_at_least);
    Xapian::MSet counted;
    if (facets_apart) {
        Xapian::Enquire counting(db_);
        counting.set_query(bounded(facet_query));
        counting.set_cutoff(0, floor);
        counting.add_matchspy(&facet_spy);
        counted = counting.get_mset(0, 0, check_at_least);
    }
    // The spies saw every match unless the matcher stopped once it had checked check_at_least;
    // then their counts are scaled to the estimate (folded, Xapian's estimate ignores the floor).
    const auto scale_of = [&](double seen, const Xapian::MSet& m) {
        const auto matches =
            static_cast<double>(fold ? m.get_uncollapsed_matches_estimated() : m.get_matches_estimated());
        return seen > 0 && matches > seen && (!fold || seen >= check_at_least) ? matches / seen : 1.0;
    };
    SearchResult result;
    if (fold) {
        const FacetCounts hit_counts = count_facets(hit_spy);
        result.total = static_cast<unsigned>(std::lround(hit_counts.folded_total * scale_of(hit_counts.seen, mset)));
    } else {
        result.total = mset.get_matches_estimated();
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        result.hits.push_back(make_hit(it, mset, stemmer_));
        SearchHit& hit = result.hits.back();
        hit.similar = it.get_collapse_count();
        // Sorted by date, the group's newest thread stands for it: a swap would break the order.
        if (!hit.answer && hit.similar > 0 && !newest && !budget_.spent())
            answered_member(hit, query, floor, it.get_collapse_key());
    }
    if (request.with_facets) {
        const FacetCounts counts = count_facets(facets_apart ? facet_spy : hit_spy);
        const double scale = scale_of(counts.seen, facets_apart ? counted : mset);
        result.facets_estimated = scale > 1.0;
        for (const auto& [label, n] : fold ? counts.folded : counts.threads)
            result.facets.push_back(Facet{label, static_cast<unsigned>(std::lround(n * scale))});
        std::stable_sort(result.facets.begin(), result.facets.end(),
                         [](const Facet& a, const Facet& b) { return a.count > b.count; });
        if (result.facets.size() > kMaxFacets) result.facets.resize(kMaxFacets);
    }
    return result;
}

namespace {

// Levenshtein distance over bytes (product keys are short): how far a typed key is from one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

// "linux" is nearest "linux-client" (a part of it), then keys it starts or is inside, then keys a
// few edits away ("outlok"); most threads first among equals.
std::vector<UnknownProduct> Searcher::unknown_products(
    const std::vector<std::pair<std::string, std::string>>& asked) const {
    constexpr std::size_t kNearest = 5;
    std::vector<UnknownProduct> unknown;
    const std::string prefix(schema::kProductPrefix);
    for (const auto& [product, key] : asked) {
        if (key.empty() || db_.term_exists(prefix + key)) continue;
        std::vector<std::tuple<std::size_t, Xapian::doccount, std::string>> ranked;  // nearness, threads, key
        for (auto term = db_.allterms_begin(prefix); term != db_.allterms_end(prefix); ++term) {
            const std::string known = (*term).substr(prefix.size());
            const std::string parted = "-" + known + "-";
            std::size_t nearness = 0;
            if (parted.find("-" + key + "-") != std::string::npos)
                nearness = 0;
            else if (known.starts_with(key) || key.starts_with(known))
                nearness = 1;
            else if (known.find(key) != std::string::npos)
                nearness = 2;
            else if (const std::size_t edits = edit_distance(key, known);
                     edits <= std::max<std::size_t>(2, key.size() / 3))
                nearness = 2 + edits;
            else
                continue;
            ranked.emplace_back(nearness, term.get_termfreq(), known);
        }
        std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
            return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) < std::get<0>(b) : std::get<1>(a) > std::get<1>(b);
        });
        UnknownProduct entry{product, {}};
        for (std::size_t i = 0; i < ranked.size() && i < kNearest; ++i) entry.nearest.push_back(std::get<2>(ranked[i]));
        unknown.push_back(std::move(entry));
    }
    return unknown;
}

ThreadRecord Searcher::thread(const std::string& id) {
    // A malformed id is the client's mistake, and is not echoed back: it is not text.
    if (id.size() > 200 || !Normaliser::is_valid_utf8(id))
        throw QueryError("thread id is too long or not valid UTF-8", QueryProblem::BadParameter);
    if (id.empty()) throw NotFoundError("no thread ''");
    const std::string term = id_term(id);
    Xapian::PostingIterator it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) throw NotFoundError("no thread '" + id + "'");
    return parse_record(db_.get_document(*it).get_data());
}

std::vector<SearchHit> Searcher::threads_with_codes(const std::vector<ErrorCode>& codes, const std::string& except_id,
                                                    int limit) {
    std::vector<SearchHit> hits;
    const Xapian::Query query = QueryBuilder(db_, stemmer_, stopper_).codes_query(codes);
    if (query.empty()) return hits;
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit) + 1);
    for (auto it = mset.begin(); it != mset.end() && static_cast<int>(hits.size()) < limit; ++it) {
        SearchHit hit = make_hit(it, mset, stemmer_);
        if (hit.id != except_id) hits.push_back(std::move(hit));
    }
    return hits;
}

std::vector<SearchHit> Searcher::duplicates_of(const ThreadRecord& record, int limit) {
    std::vector<SearchHit> hits;
    if (record.duplicate_group.empty()) return hits;
    std::vector<Xapian::Query> members;
    std::istringstream list(db_.get_metadata(group_members_key(record.duplicate_group)));
    for (std::string id; std::getline(list, id);)
        if (!id.empty() && id != record.thread.id) members.emplace_back(id_term(id));
    if (members.empty()) return hits;
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, members.begin(), members.end()));
    enquire.set_sort_by_value(schema::kSlotHelpful, true);  // the best-answered first
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(members.size()));
    for (auto it = mset.begin(); it != mset.end() && static_cast<int>(hits.size()) < limit; ++it) {
        // A list may still name a thread that an update has moved out of the group.
        if (parse_record(it.get_document().get_data()).duplicate_group != record.duplicate_group) continue;
        hits.push_back(make_hit(it, mset, stemmer_));
    }
    return hits;
}

std::vector<Completion> Searcher::suggest(const std::string& prefix_query, int limit) {
    return Completer(db_, stopper_).complete(prefix_query, limit);
}

}  // namespace kb
