// PiiPlaceholderSpans: what each placeholder the scrubber wrote stood for, found by lining its
// output up with its input, and the scrub stage of ThreadPipeline run field by field so that the
// two can be compared (the precision benchmark and the placeholder listing read them).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/schema/thread.h"

namespace kb {

class ForumPhrases;

// One placeholder of a scrubbed text and the bytes [begin, end) of the input it replaced.
struct PlaceholderSpan {
    std::string placeholder;  // "[name]", "[email]", ...
    std::size_t begin = 0, end = 0;
};

// The placeholders of `output` (scrub() of `input`) with the input each replaced. The scrubber
// only replaces spans and drops lines, so the text between placeholders is found in the input in
// order, a line (or, where a marker went mid-line, a word) at a time; what lies between two
// pieces found is what the placeholders there replaced.
std::vector<PlaceholderSpan> placeholder_spans(std::string_view input, std::string_view output);

// One field of a thread before and after scrubbing (both normalised).
struct ScrubbedField {
    std::string where;  // "title", "question", "answer 2"
    std::string input, output;
};

// ThreadPipeline::prepare's scrub stage (indexer/ingest/thread_pipeline.cpp), field by field:
// normalise, find names over the whole thread, scrub with them and the display names, then the
// forum's posters. Boilerplate stripping adds no placeholder and is left out.
std::vector<ScrubbedField> scrub_fields(const Thread& raw, const ForumPhrases* forum);

// The words around input[begin, end), on its line, for a reviewer: "...Keep <<Text>> Only...".
std::string in_context(std::string_view input, std::size_t begin, std::size_t end, std::size_t width = 48);

}  // namespace kb
