#include "indexer/index/duplicate_groups.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <initializer_list>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "indexer/schema/thread_record.h"
#include "indexer/text/stop_words.h"

namespace kb {

namespace {

class UnionFind {
  public:
    explicit UnionFind(std::size_t size) : parent_(size) {
        for (std::size_t i = 0; i < size; ++i) parent_[i] = i;
    }
    std::size_t find(std::size_t x) {
        while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
        return x;
    }
    void join(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }

  private:
    std::vector<std::size_t> parent_;
};

// A word of a thread's query, with its BM25 query-side weight in the index.
struct QueryWord {
    std::string term;
    double weight;
    bool is_code;
};

// BM25 with the parameters the searcher's matcher uses by default (k1 1, k3 1, b 0.5, lengths
// below half the mean counted as half), computed from term lists, not by running a query.
class Bm25 {
  public:
    // `sharing`: the index's term frequencies where known already (a lookup in a hash table is
    // a tenth of a B-tree's).
    explicit Bm25(const Xapian::Database& db,
                  const std::unordered_map<std::string, Xapian::doccount>* sharing = nullptr)
        : db_(db), sharing_(sharing), threads_(db.get_doccount()), mean_length_(std::max(db.get_avlength(), 1.0)) {}

    QueryWord word(std::string term, Xapian::termcount wqf, bool is_code) const {
        const double sharing = frequency(term);
        double idf = (threads_ - sharing + 0.5) / (sharing + 0.5);
        if (idf < 2) idf = idf * 0.5 + 1;
        return {std::move(term), std::log(idf) * 2.0 * wqf / (1.0 + wqf), is_code};
    }

    // The score of `doc` for the query (words sorted by term), and whether it has a code of it.
    std::pair<double, bool> score(const std::vector<QueryWord>& query, Xapian::docid doc) const {
        constexpr double k1 = 1, b = 0.5;
        const double length = std::max(db_.get_doclength(doc) / mean_length_, 0.5);
        const double k = k1 * ((1 - b) + b * length);
        double total = 0;
        bool shares_code = false;
        auto term = db_.termlist_begin(doc);
        for (const QueryWord& word : query) {
            term.skip_to(word.term);
            if (term == db_.termlist_end(doc)) break;
            if (*term != word.term) continue;
            const double wdf = term.get_wdf();
            total += word.weight * wdf * (k1 + 1) / (k + wdf);
            shares_code = shares_code || word.is_code;
        }
        return {total, shares_code};
    }

  private:
    Xapian::doccount frequency(const std::string& term) const {
        if (sharing_)
            if (const auto known = sharing_->find(term); known != sharing_->end()) return known->second;
        return db_.get_termfreq(term);
    }

    const Xapian::Database& db_;
    const std::unordered_map<std::string, Xapian::doccount>* sharing_;
    double threads_, mean_length_;
};

// A rare word's weight in one thread: in a word's postings `key` is the thread (its position
// in the threads read), in a thread's word list it is the word's number.
struct Posting {
    std::uint32_t key;
    float weight;
};

// The content words of a thread's title and question, and its error codes.
std::vector<std::pair<std::string, Xapian::termcount>> thread_words(const Xapian::Database& questions,
                                                                    Xapian::docid question_doc,
                                                                    const Xapian::Database& db, Xapian::docid doc,
                                                                    const std::unordered_set<std::string>& stopped) {
    std::vector<std::pair<std::string, Xapian::termcount>> words;
    for (auto t = questions.termlist_begin(question_doc); t != questions.termlist_end(question_doc); ++t)
        if ((*t).rfind(schema::kStemPrefix, 0) == 0 && !stopped.count(*t)) words.emplace_back(*t, t.get_wdf());
    auto code = db.termlist_begin(doc);
    for (code.skip_to(std::string(schema::kErrorCodePrefix));
         code != db.termlist_end(doc) && (*code).rfind(schema::kErrorCodePrefix, 0) == 0; ++code)
        words.emplace_back(*code, 1);
    return words;
}

std::unordered_set<std::string> stopped_stems() {
    const Xapian::Stem stemmer(schema::kStemmerLanguage);
    std::unordered_set<std::string> stopped;
    for (std::string_view word : kEnglishStopWords)
        stopped.insert(std::string(schema::kStemPrefix) + stemmer(std::string(word)));
    return stopped;
}

// The thread's query: its words weighted for the index, sorted by term for Bm25::score.
std::vector<QueryWord> thread_query(const Bm25& bm25, std::vector<std::pair<std::string, Xapian::termcount>> words) {
    std::vector<QueryWord> query;
    for (auto& [word, wqf] : words) {
        const bool is_code = word.rfind(schema::kErrorCodePrefix, 0) == 0;
        query.push_back(bm25.word(std::move(word), wqf, is_code));
    }
    std::sort(query.begin(), query.end(), [](const QueryWord& x, const QueryWord& y) { return x.term < y.term; });
    return query;
}

// Writes a thread's group (empty: none) into its record and its collapse key.
void set_group(Xapian::WritableDatabase& db, Xapian::docid docid, const std::string& group) {
    Xapian::Document doc = db.get_document(docid);
    ThreadRecord record = parse_record(doc.get_data());
    if (record.duplicate_group == group) return;
    record.duplicate_group = group;
    doc.set_data(serialise_record(record));
    const std::string facet = doc.get_value(schema::kSlotFacet);
    const std::string label = facet.substr(0, facet.find(schema::kFacetGroupSeparator));
    if (group.empty()) {
        doc.remove_value(schema::kSlotGroup);
        if (label.empty())
            doc.remove_value(schema::kSlotFacet);
        else
            doc.add_value(schema::kSlotFacet, label);
    } else {
        doc.add_value(schema::kSlotGroup, group);
        doc.add_value(schema::kSlotFacet, label + schema::kFacetGroupSeparator + group);
    }
    db.replace_document(docid, doc);
}

// Adds `ids` to the member list of `group` (once each).
void add_to_member_list(Xapian::WritableDatabase& lists, const std::string& group,
                        std::initializer_list<std::string_view> ids) {
    const std::string key = group_members_key(group);
    std::string list = lists.get_metadata(key);
    bool changed = false;
    for (const std::string_view id : ids) {
        bool listed = false;
        for (std::size_t from = 0; from < list.size() && !listed;) {
            std::size_t to = list.find('\n', from);
            if (to == std::string::npos) to = list.size();
            listed = std::string_view(list).substr(from, to - from) == id;
            from = to + 1;
        }
        if (listed) continue;
        list.append(id).append("\n");
        changed = true;
    }
    if (changed) lists.set_metadata(key, list);
}

}  // namespace

std::map<std::string, std::string> DuplicateGroups::find(const std::filesystem::path& index,
                                                         const std::filesystem::path& questions_path,
                                                         unsigned threads_wanted) const {
    const std::unordered_set<std::string> stopped = stopped_stems();
    const Xapian::Database db(index.string()), questions(questions_path.string());
    const double threads = db.get_doccount();

    // One pass over the threads: each one's vector length and the postings of its rare words.
    std::vector<std::string> ids;
    std::vector<Xapian::docid> docs, question_docs;
    std::vector<float> lengths;
    std::vector<std::vector<Posting>> words_of;  // thread -> its rare words (word number, weight)
    std::unordered_map<std::string, std::uint32_t> word_number;
    std::vector<std::vector<Posting>> postings;                    // rare word -> the threads using it
    std::unordered_map<std::string, Xapian::doccount> sharing_of;  // every word's term frequency, looked up once
    for (auto question = questions.postlist_begin(""); question != questions.postlist_end(""); ++question) {
        const std::string id = thread_id_of(questions.get_document(*question));
        const std::string term = id_term(id);
        const auto doc = db.postlist_begin(term);
        if (id.empty() || doc == db.postlist_end(term)) continue;
        const auto thread = static_cast<std::uint32_t>(ids.size());
        std::vector<Posting> rare;
        double length = 0;
        for (auto& [word, wdf] : thread_words(questions, *question, db, *doc, stopped)) {
            auto [known, is_new] = sharing_of.try_emplace(word, 0);
            if (is_new) known->second = db.get_termfreq(word);
            const Xapian::doccount sharing = known->second;
            const double weight = (1 + std::log(double(wdf))) * std::log(threads / std::max(sharing, 1u));
            length += weight * weight;
            if (sharing < 2 || sharing > options_.max_sharing) continue;
            auto [it, added] = word_number.try_emplace(std::move(word), static_cast<std::uint32_t>(postings.size()));
            if (added) postings.emplace_back();
            postings[it->second].push_back({thread, static_cast<float>(weight)});
            rare.push_back({it->second, static_cast<float>(weight)});
        }
        ids.push_back(id);
        docs.push_back(*doc);
        question_docs.push_back(*question);
        lengths.push_back(static_cast<float>(std::sqrt(length)));
        words_of.push_back(std::move(rare));
    }

    // Each scorer takes every `scorers`-th block of threads and lists the pairs it finds
    // duplicates; joined afterwards, in any order, they give the same groups.
    constexpr std::uint32_t kBlock = 16;
    const unsigned scorers =
        std::max(1u, std::min<unsigned>(threads_wanted, static_cast<unsigned>(ids.size() / kBlock + 1)));
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> pairs(scorers);
    std::vector<std::exception_ptr> failures(scorers);
    const auto score_some = [&](unsigned scorer) {
        try {
            // Xapian databases are not safe to share between threads: each scorer opens its own.
            const Xapian::Database own_db(index.string()), own_questions(questions_path.string());
            const Bm25 bm25(own_db, &sharing_of);
            // Other thread -> the dot product of the rare words it shares with thread a; dense,
            // with the threads touched listed, so each thread's pass costs what its postings hold.
            std::vector<double> shared(ids.size());
            std::vector<std::uint32_t> touched;
            std::vector<std::pair<double, std::uint32_t>> candidates;
            for (std::uint32_t block = scorer * kBlock; block < ids.size(); block += scorers * kBlock)
                for (std::uint32_t a = block; a < std::min<std::size_t>(block + kBlock, ids.size()); ++a) {
                    for (const auto& [word, own] : words_of[a])
                        for (const Posting& p : postings[word]) {
                            if (p.key == a) continue;
                            if (shared[p.key] == 0) touched.push_back(p.key);
                            shared[p.key] += double(own) * p.weight;
                        }
                    if (touched.empty()) continue;
                    candidates.clear();
                    for (const std::uint32_t b : touched) {
                        candidates.emplace_back(shared[b] / (double(lengths[a]) * lengths[b]), b);
                        shared[b] = 0;
                    }
                    touched.clear();
                    // The closest first; ties to the thread read first, so groups do not depend on hashing.
                    const std::size_t keep = std::min<std::size_t>(options_.candidates, candidates.size());
                    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                                      candidates.end(), [](const auto& x, const auto& y) {
                                          return x.first > y.first || (x.first == y.first && x.second < y.second);
                                      });
                    candidates.resize(keep);

                    // Read again rather than kept from the first pass: every word of every thread
                    // would not fit in memory at a million threads; only the rare ones are held.
                    const std::vector<QueryWord> query =
                        thread_query(bm25, thread_words(own_questions, question_docs[a], own_db, docs[a], stopped));
                    const double own_score = bm25.score(query, docs[a]).first;
                    if (own_score <= 0) continue;
                    for (const auto& [closeness, b] : candidates) {
                        const auto [score, shares_code] = bm25.score(query, docs[b]);
                        const double percent = 100 * score / own_score;
                        if (percent >= options_.min_percent ||
                            (shares_code && percent >= options_.min_percent_with_code))
                            pairs[scorer].emplace_back(a, b);
                    }
                }
        } catch (...) {
            failures[scorer] = std::current_exception();
        }
    };
    std::vector<std::thread> running;
    for (unsigned scorer = 1; scorer < scorers; ++scorer) running.emplace_back(score_some, scorer);
    score_some(0);
    for (std::thread& scorer : running) scorer.join();
    for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);

    UnionFind groups(ids.size());
    std::vector<bool> grouped(ids.size());
    for (const auto& found : pairs)
        for (const auto& [a, b] : found) {
            groups.join(a, b);
            grouped[a] = grouped[b] = true;
        }

    // A group's id is its smallest thread id, whatever order the threads were read in.
    std::unordered_map<std::size_t, std::string> smallest;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!grouped[i]) continue;
        auto [it, added] = smallest.try_emplace(groups.find(i), ids[i]);
        if (!added && ids[i] < it->second) it->second = ids[i];
    }
    std::map<std::string, std::string> group_of;
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (grouped[i]) group_of[ids[i]] = smallest[groups.find(i)];
    return group_of;
}

void DuplicateGroups::write(Xapian::WritableDatabase& db, const std::map<std::string, std::string>& group_of) {
    for (const auto& [id, group] : group_of) {
        const std::string term = id_term(id);
        if (const auto posting = db.postlist_begin(term); posting != db.postlist_end(term))
            set_group(db, *posting, group);
    }
}

void DuplicateGroups::write_member_lists(Xapian::WritableDatabase& lists,
                                         const std::map<std::string, std::string>& group_of) {
    std::map<std::string, std::string> members;  // group -> its ids, one a line
    for (const auto& [id, group] : group_of) members[group].append(id).append("\n");
    for (const auto& [group, list] : members) lists.set_metadata(group_members_key(group), list);
}

std::size_t DuplicateGroups::regroup(Xapian::WritableDatabase& db, const Xapian::Database& questions,
                                     Xapian::WritableDatabase& lists, const std::vector<std::string>& ids) const {
    const std::unordered_set<std::string> stopped = stopped_stems();
    const Bm25 bm25(db);
    auto docid_of = [](const Xapian::Database& in, const std::string& id) -> Xapian::docid {
        const std::string term = id_term(id);
        const auto posting = in.postlist_begin(term);
        return posting == in.postlist_end(term) ? 0 : *posting;
    };
    std::size_t grouped = 0;
    Xapian::Enquire enquire(questions);
    for (const std::string& id : ids) {
        const Xapian::docid doc = docid_of(db, id), question = docid_of(questions, id);
        if (doc == 0 || question == 0) continue;
        const auto words = thread_words(questions, question, db, doc, stopped);
        // Candidates: the threads that best match its rare words in the questions database.
        std::vector<Xapian::Query> rare;
        for (const auto& [word, wdf] : words) {
            const Xapian::doccount sharing = questions.get_termfreq(word);
            if (sharing >= 2 && sharing <= options_.max_sharing) rare.emplace_back(word, wdf);
        }
        std::string group;
        if (!rare.empty()) {
            enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, rare.begin(), rare.end()));
            const Xapian::MSet mset = enquire.get_mset(0, options_.candidates + 1);
            const std::vector<QueryWord> query = thread_query(bm25, words);
            const double own_score = bm25.score(query, doc).first;
            for (auto it = mset.begin(); it != mset.end() && own_score > 0; ++it) {
                const std::string other_id = thread_id_of(it.get_document());
                const Xapian::docid other = other_id == id ? 0 : docid_of(db, other_id);
                if (other == 0) continue;
                const auto [score, shares_code] = bm25.score(query, other);
                const double percent = 100 * score / own_score;
                if (percent < options_.min_percent && !(shares_code && percent >= options_.min_percent_with_code))
                    continue;
                const ThreadRecord other_record = parse_record(db.get_document(other).get_data());
                group = other_record.duplicate_group.empty() ? std::min(id, other_id) : other_record.duplicate_group;
                set_group(db, other, group);
                add_to_member_list(lists, group, {id, other_id});
                break;
            }
        }
        set_group(db, doc, group);
        if (!group.empty()) ++grouped;
    }
    return grouped;
}

}  // namespace kb
