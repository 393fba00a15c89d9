// SpellingCorrector: "did you mean" for a folded query, from the index's own spelling table.
// Stricter than QueryParser's FLAG_SPELLING_CORRECTION, which rewrites words the index knows
// ("activate" -> "activated") and reaches two edits into short words ("offline" -> "office").
#pragma once

#include <string>

#include <xapian.h>

namespace kb {

class SpellingCorrector {
  public:
    SpellingCorrector(const Xapian::Database& db, const Xapian::Stem& stemmer) : db_(db), stemmer_(stemmer) {}

    // The text with each unknown word replaced by its closest known spelling; "" when no word
    // changes. Operators, field names and numbers are left alone.
    std::string correct(const std::string& folded_text) const;

    // The suggestion for one word, or "" when it is known (as itself or by its stem) or nothing
    // close enough is.
    std::string correct_word(const std::string& word) const;

  private:
    const Xapian::Database& db_;
    const Xapian::Stem& stemmer_;
};

}  // namespace kb
