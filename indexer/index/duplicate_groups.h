// DuplicateGroups: after a build, links threads that ask the same thing into groups, marks each
// member's record with the group's id and keeps each group's member list, so the read side can
// show "same problem" threads together.
//
// A thread's title and question, read as a query, are matched against the other threads: one
// that scores at least `min_percent` of the thread's own score (BM25 over whole threads, as the
// searcher weights them) is a duplicate, or `min_percent_with_code` when they share an error
// code. Running that query against the whole index for every thread grows with the index
// squared, so only a few candidates are scored: the threads that share the most rare words
// (used by at most `max_sharing` threads) with it, found from postings held in memory. The work
// per thread is then bounded however large the index grows (an all-pairs similarity join with a
// document frequency cut, as in Bayardo et al., "Scaling up all pairs similarity search").
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

namespace kb {

struct DuplicateGroupOptions {
    double min_percent = 60;             // this share of a thread's own score makes a duplicate...
    double min_percent_with_code = 40;   // ...and this one when the two share an error code
    unsigned candidates = 4;             // threads scored per thread
    Xapian::doccount max_sharing = 300;  // words in more threads than this do not make candidates
};

class DuplicateGroups {
  public:
    explicit DuplicateGroups(DuplicateGroupOptions options = {}) : options_(options) {}

    // Thread id -> group id (the smallest member id) for threads with at least one duplicate.
    // `index` is the index's path, `questions` its questions database's (title and question per
    // thread). The candidates are scored on `threads` threads, each with its own databases;
    // the groups do not depend on how many.
    std::map<std::string, std::string> find(const std::filesystem::path& index, const std::filesystem::path& questions,
                                            unsigned threads = 1) const;

    // Writes groups found by find() into the records of the threads that `db` holds (one shard
    // of several, or the whole index) and their collapse keys (schema::kSlotGroup). Only data
    // and values change, not terms, so Xapian rewrites no postings: a tenth of the time a group
    // term cost.
    static void write(Xapian::WritableDatabase& db, const std::map<std::string, std::string>& group_of);

    // Writes each group's member list into `lists`, the database whose metadata the searcher
    // reads (schema::kGroupMembersKey).
    static void write_member_lists(Xapian::WritableDatabase& lists, const std::map<std::string, std::string>& group_of);

    // After a live update: each of the threads `ids` (just added or replaced) joins the group
    // of the closest thread it duplicates, by the same test, with candidates from a query of
    // its rare words; one that duplicates nothing leaves its group. Work grows with the update,
    // not the index. Member lists in `lists` gain the threads that joined. Returns how many of
    // them are in a group.
    std::size_t regroup(Xapian::WritableDatabase& db, const Xapian::Database& questions,
                        Xapian::WritableDatabase& lists, const std::vector<std::string>& ids) const;

  private:
    DuplicateGroupOptions options_;
};

}  // namespace kb
