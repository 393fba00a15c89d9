// DuplicateGroups: after a build, links threads that ask the same thing (their title and question
// match each other's strongly, or they share an error code and match well) into groups, and marks
// each member with the group's id so the read side can show "same problem" threads together.
#pragma once

#include <map>
#include <string>

#include <xapian.h>

#include "indexer/text/normaliser.h"

namespace kb {

struct DuplicateGroupOptions {
    int min_percent = 60;            // a match this strong (Xapian percentage) is a duplicate...
    int min_percent_with_code = 40;  // ...and this one when the two share an error code
    unsigned candidates = 3;         // nearest threads looked at per thread
};

class DuplicateGroups {
  public:
    explicit DuplicateGroups(DuplicateGroupOptions options = {}) : options_(options) {}

    // Thread id -> group id (the smallest member id) for threads with at least one duplicate.
    std::map<std::string, std::string> find(const Xapian::Database& db) const;

    // find(), then writes the groups into the documents (term, value and record). Returns the
    // number of threads in a group.
    std::size_t mark(Xapian::WritableDatabase& db) const;

  private:
    DuplicateGroupOptions options_;
    Normaliser normaliser_;
};

}  // namespace kb
