// Splits a top-level JSON array into its elements' text without parsing them, so each record
// of an array file (SCN posts, JSON Lines' array form) is parsed, and fails, on its own and is
// reported at its own line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/text/line_index.h"

namespace kb {

// One top-level array element, as text, with the byte offset where it starts.
struct JsonArrayElement {
    std::string_view text;
    std::size_t offset;
};

// The elements of the array `text` holds (a UTF-8 byte order mark and spaces around it are
// allowed). Only brackets outside strings count. Throws ParseError (file, line) when the text is
// not an array ("not a JSON array of <records>") or an element never closes.
std::vector<JsonArrayElement> split_json_array(std::string_view text, const LineIndex& lines, const std::string& file,
                                               std::string_view records);

}  // namespace kb
