// One search hit from a Xapian match: the stored record's display fields, the title and a
// snippet with the query's words marked, and the canonical answer.
#pragma once

#include <xapian.h>

#include "indexer/schema/thread_record.h"
#include "server/search/search_types.h"

namespace kb {

// The canonical answer of a record as hits show it; index -1 when the thread has none.
AnswerView answer_view(const ThreadRecord& record);
// Answer `index` of a record as hits show it (its text a preview, its copy whole); `why` only
// for the canonical answer.
AnswerView answer_view(const ThreadRecord& record, int index);

// The hit for `item` of `mset`; snippets stem with `stemmer` as the query did. Throws
// IndexError when the document data is not a record.
SearchHit make_hit(const Xapian::MSetIterator& item, const Xapian::MSet& mset, const Xapian::Stem& stemmer);

}  // namespace kb
