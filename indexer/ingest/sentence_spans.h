// SentenceSpans: where the sentences of one line of answer text start and end, so Boilerplate
// and CopyText can drop a sentence whole and leave every other byte of the line as it was.
#pragma once

#include <string_view>
#include <vector>

namespace kb {

// One sentence of a line: [begin, end) covers its text and the spaces after it, so the spans
// of a line join back into the line byte for byte.
struct SentenceSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// The line's sentences, in order. A sentence ends at '.', '!' or '?' (with any closing quotes or
// brackets) followed by a space, unless the word ending there is an abbreviation ("e.g.", "etc.")
// or a list number ("1."); ".docx", "3.5" and "()." are not ends. A line without one is one
// sentence. Leading white space belongs to the first sentence.
std::vector<SentenceSpan> sentence_spans(std::string_view line);

}  // namespace kb
