// QueryUnderstanding: reads a raw query before Xapian's parser sees it: validates it, pulls out
// error codes (exact, never stemmed or spelling-corrected) and product:/code: filters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/text/error_codes.h"
#include "indexer/text/normaliser.h"

namespace kb {

inline constexpr std::size_t kMaxQueryBytes = 2048;

// AND, OR, NOT, XOR, NEAR, ADJ: Xapian's operators, which count only in capitals.
bool is_query_operator(std::string_view token);

struct UnderstoodQuery {
    std::string text;                                // free text for Xapian's QueryParser, folded
    std::vector<ErrorCode> codes;                    // codes in the text: they rank a thread up
    std::vector<ErrorCode> required_codes;           // code:X: only threads with the code
    std::vector<ErrorCode> excluded_codes;           // -X or -code:X: no thread with the code
    std::vector<std::string> excluded_words;         // -word, -"a phrase": no thread with them, folded
    std::vector<std::string> product_keys;           // product:X filters (product_key form)
    std::vector<std::string> excluded_product_keys;  // -product:X
};

class QueryUnderstanding {
  public:
    // Throws QueryError for an empty, over-long or invalid UTF-8 query.
    UnderstoodQuery understand(std::string_view raw) const;

  private:
    Normaliser normaliser_;
    ErrorCodes error_codes_;
};

}  // namespace kb
