#include "server/search/query_builder.h"

#include <algorithm>
#include <set>

#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "indexer/text/synonyms.h"
#include "indexer/text/text_helpers.h"
#include "server/search/english_query_parser.h"

namespace kb {

namespace {

// A code names the problem exactly, so it outweighs any single word.
constexpr double kCodeWeightScale = 3.0;

}  // namespace

namespace {

// Restricts `query` to any of the products; products alone browse everything in them.
Xapian::Query with_products(const Xapian::Query& query, const std::vector<std::string>& product_keys) {
    if (product_keys.empty()) return query;
    std::vector<Xapian::Query> terms;
    for (const std::string& key : product_keys) terms.emplace_back(std::string(schema::kProductPrefix) + key);
    Xapian::Query filter(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return query.empty() ? filter : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

struct QueryWork {
    std::size_t phrases = 0, terms = 0;
};

void measure(const Xapian::Query& query, QueryWork& work) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
            ++work.terms;
            return;
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR:
            ++work.phrases;
            break;
        default:
            break;
    }
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) measure(query.get_subquery(i), work);
}

}  // namespace

void QueryBuilder::check_work(const Xapian::Query& query) {
    QueryWork work;
    measure(query, work);
    if (work.phrases > kMaxPhrases)
        throw QueryError("the query has " + std::to_string(work.phrases) +
                             " phrases (quoted, or words joined by - or .); a search weighs at most " +
                             std::to_string(kMaxPhrases),
                         QueryProblem::TooComplex);
    if (work.terms > kMaxTerms)
        throw QueryError("the query has " + std::to_string(work.terms) + " words to weigh; a search weighs at most " +
                             std::to_string(kMaxTerms) + ": keep the words that name the problem",
                         QueryProblem::TooComplex);
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const Xapian::Stem& stemmer, const Xapian::Stopper& stopper)
    : db_(db), stemmer_(stemmer), stopper_(stopper) {}

BuiltQuery QueryBuilder::build(const UnderstoodQuery& understood, const std::string& text, unsigned flags, bool partial,
                               const std::vector<std::string>& chosen_product_keys, bool accepted_only) const {
    const Xapian::Query codes = codes_query(understood.codes, partial);
    // Filters that weigh nothing: code:X keeps only threads with the code, accepted_only those
    // with an accepted answer; -X, -word, -"phrase" and -product:x drop threads. Exclusions go
    // last, after the product filters, so that "product:outlook -password" excludes too.
    const Xapian::Query required = codes_filter(understood.required_codes, Xapian::Query::OP_AND);
    const Xapian::Query unwanted =
        either(either(codes_filter(understood.excluded_codes, Xapian::Query::OP_OR), excluded_words_query(understood)),
               with_products(Xapian::Query(), understood.excluded_product_keys));
    const Xapian::Query accepted{std::string(schema::kAcceptedTerm)};
    auto narrowed = [&](Xapian::Query query) {
        if (accepted_only && !query.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, accepted);
        return unwanted.empty() || query.empty() ? query : Xapian::Query(Xapian::Query::OP_AND_NOT, query, unwanted);
    };
    // Past a few quoted phrases the quotes are dropped and the words searched: a pasted forum
    // question quotes error messages and menu names freely, and is still a question to answer.
    const auto quotes = static_cast<std::size_t>(std::count(text.begin(), text.end(), '"'));
    const unsigned text_flags =
        (quotes + 1) / 2 > kMaxQuotedPhrases ? flags & ~unsigned(Xapian::QueryParser::FLAG_PHRASE) : flags;
    const Xapian::Query typed = text_query(text, text_flags);
    // What the user wrote, kept or excluded; synonyms and codes add a bounded amount on top.
    check_work(either(typed, unwanted));
    Xapian::Query positive = either(either(typed, synonyms_query(text)), codes);
    if (!required.empty())
        positive = Xapian::Query(Xapian::Query::OP_FILTER,
                                 positive.empty() ? codes_query(understood.required_codes) : positive, required);
    const Xapian::Query matched = with_code_words(positive, understood);
    // Products typed in the query (product:x) narrow the facets too; the page's product choice
    // does not, so its facet list keeps every other product to switch to.
    std::vector<std::string> filter_keys = understood.product_keys;
    filter_keys.insert(filter_keys.end(), chosen_product_keys.begin(), chosen_product_keys.end());
    BuiltQuery built;
    built.match = narrowed(with_products(matched, filter_keys));
    if (!chosen_product_keys.empty()) built.facets = narrowed(with_products(matched, understood.product_keys));
    return built;
}

Xapian::Query QueryBuilder::either(const Xapian::Query& a, const Xapian::Query& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return Xapian::Query(Xapian::Query::OP_OR, a, b);
}

Xapian::Query QueryBuilder::text_query(const std::string& text, unsigned flags) const {
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
Xapian::Query QueryBuilder::synonyms_query(const std::string& folded_text) const {
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
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_OR, groups.begin(), groups.end()), kSynonymWeight);
}

Xapian::Query QueryBuilder::codes_query(const std::vector<ErrorCode>& codes, bool prefix_when_unknown) const {
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
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()), kCodeWeightScale);
}

// The codes as the words the text holds ("0x80070005", "aadsts500121"), with no weight and
// no effect on what matches: they are there so snippets highlight the code.
Xapian::Query QueryBuilder::with_code_words(const Xapian::Query& query, const UnderstoodQuery& understood) const {
    if (query.empty()) return query;
    std::vector<Xapian::Query> words;
    for (const auto* codes : {&understood.codes, &understood.required_codes})
        for (const ErrorCode& code : *codes)
            for (const std::string& form : spelled_forms(code)) words.emplace_back(form);
    if (words.empty()) return query;
    const Xapian::Query unweighted(Xapian::Query::OP_SCALE_WEIGHT,
                                   Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()), 0.0);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, unweighted);
}

// -word and -"a phrase" as one query of everything to drop. Stop words are not excluded: the
// parser keeps a stop word that stands alone, and "-the" would drop every thread.
Xapian::Query QueryBuilder::excluded_words_query(const UnderstoodQuery& understood) const {
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
Xapian::Query QueryBuilder::codes_filter(const std::vector<ErrorCode>& codes, Xapian::Query::op combine) const {
    std::vector<Xapian::Query> parts;
    for (const ErrorCode& code : codes) {
        std::vector<Xapian::Query> keys;
        for (const std::string& key : code.keys) keys.emplace_back(std::string(schema::kErrorCodePrefix) + key);
        parts.emplace_back(Xapian::Query::OP_OR, keys.begin(), keys.end());
    }
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(combine, parts.begin(), parts.end()), 0.0);
}

}  // namespace kb
