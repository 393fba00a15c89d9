// PassageWriter: a database of short texts (a thread's title and question, one comment), each
// under its id term (schema::kIdPrefix), folded and stemmed as the main index's text is.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "indexer/text/normaliser.h"

namespace kb {

// Text as the index holds it: folded, with the PII scrubber's placeholders blanked so they
// never become terms.
std::string indexable_text(const Normaliser& normaliser, const std::string& text);

class PassageWriter {
  public:
    // `fresh`: the database starts empty and the caller keeps ids unique, so add() need not
    // look for an earlier passage to replace.
    explicit PassageWriter(Xapian::WritableDatabase db, bool fresh = false);
    // Adds or replaces the passage with this id.
    void add(const std::string& id, const std::string& text);
    void commit() { db_.commit(); }
    Xapian::WritableDatabase& database() { return db_; }

  private:
    Xapian::WritableDatabase db_;
    bool fresh_;
    Xapian::TermGenerator generator_;
    Normaliser normaliser_;
};

// An in-memory database of short texts (id, text) written by a PassageWriter: what the
// evaluation scores comments and questions against. Throws Xapian::Error.
Xapian::Database index_passages(const std::vector<std::pair<std::string, std::string>>& passages);

}  // namespace kb
