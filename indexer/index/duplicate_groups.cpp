#include "indexer/index/duplicate_groups.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "indexer/schema/thread_record.h"
#include "indexer/text/stop_words.h"

namespace kb {

namespace {

class UnionFind {
  public:
    std::string find(const std::string& x) {
        auto it = parent_.find(x);
        if (it == parent_.end() || it->second == x) return x;
        return it->second = find(it->second);
    }
    void join(const std::string& a, const std::string& b) {
        const std::string ra = find(a), rb = find(b);
        if (ra == rb) return;
        // The smaller id becomes the root, so a group's id does not depend on the order of work.
        if (ra < rb)
            parent_[rb] = ra;
        else
            parent_[ra] = rb;
        parent_.try_emplace(ra, ra);
        parent_.try_emplace(rb, rb);
    }
    std::vector<std::string> members() const {
        std::vector<std::string> out;
        for (const auto& [k, v] : parent_) out.push_back(k);
        return out;
    }

  private:
    std::map<std::string, std::string> parent_;
};

}  // namespace

std::map<std::string, std::string> DuplicateGroups::find(const Xapian::Database& db) const {
    Xapian::SimpleStopper stopper;
    for (std::string_view word : kEnglishStopWords) stopper.add(std::string(word));
    const Xapian::Stem stemmer(schema::kStemmerLanguage);
    Xapian::Enquire enquire(db);
    UnionFind groups;

    for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
        const ThreadRecord record = parse_record(db.get_document(*id).get_data());
        // The thread's own words, as a writer's draft would be read.
        Xapian::TermGenerator generator;
        Xapian::Document scratch;
        generator.set_document(scratch);
        generator.set_stemmer(stemmer);
        generator.set_stopper(&stopper);
        generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
        generator.index_text(normaliser_.fold(record.thread.title + "\n" + record.thread.question));
        std::vector<Xapian::Query> terms;
        for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t)
            if ((*t).rfind(schema::kStemPrefix, 0) == 0) terms.emplace_back(*t, t.get_wdf());
        std::vector<std::string> own_codes;
        for (const ErrorCode& code : record.codes) {
            own_codes.push_back(std::string(schema::kErrorCodePrefix) + code.keys.front());
            terms.emplace_back(own_codes.back());
        }
        if (terms.empty()) continue;
        enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        const Xapian::MSet mset = enquire.get_mset(0, options_.candidates + 1);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            if (*it == *id) continue;
            const Xapian::Document other = it.get_document();
            bool shares_code = false;
            for (const std::string& code : own_codes)
                shares_code = shares_code ||
                              std::find(other.termlist_begin(), other.termlist_end(), code) != other.termlist_end();
            const int percent = it.get_percent();
            if (percent >= options_.min_percent || (shares_code && percent >= options_.min_percent_with_code)) {
                const ThreadRecord other_record = parse_record(other.get_data());
                groups.join(record.thread.id, other_record.thread.id);
            }
        }
    }
    std::map<std::string, std::string> group_of;
    for (const std::string& member : groups.members()) group_of[member] = groups.find(member);
    return group_of;
}

std::size_t DuplicateGroups::mark(Xapian::WritableDatabase& db) const {
    const auto group_of = find(db);
    for (const auto& [id, group] : group_of) {
        const std::string term = id_term(id);
        const auto posting = db.postlist_begin(term);
        if (posting == db.postlist_end(term)) continue;
        Xapian::Document doc = db.get_document(*posting);
        ThreadRecord record = parse_record(doc.get_data());
        record.duplicate_group = group;
        doc.set_data(serialise_record(record));
        doc.add_boolean_term(std::string(schema::kDupGroupPrefix) + group);
        db.replace_document(*posting, doc);
    }
    return group_of.size();
}

}  // namespace kb
