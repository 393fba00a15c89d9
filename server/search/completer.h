// Completer: as-you-type completions of a query's last word from the index's own terms, most
// frequent first, with known error codes offered once the prefix looks like one.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/text/normaliser.h"
#include "server/search/search_types.h"

namespace kb {

class Completer {
  public:
    // `db` and `stopper` must outlive the completer.
    Completer(const Xapian::Database& db, const Xapian::Stopper& stopper) : db_(db), stopper_(stopper) {}

    // Completions of the last word of `prefix_query`, codes first. Throws QueryError for an
    // over-long or invalid UTF-8 query or a limit outside 1..50.
    std::vector<Completion> complete(const std::string& prefix_query, int limit) const;

  private:
    const Xapian::Database& db_;
    const Xapian::Stopper& stopper_;
    Normaliser normaliser_;
};

}  // namespace kb
