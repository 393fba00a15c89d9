// SemEvalXmlParser: reads the SemEval-2016 Task 3 (community question answering) XML release:
// each related thread (RelQuestion + RelComments) becomes one Thread, once however often it recurs.
#pragma once

#include <string>
#include <string_view>

#include "indexer/ingest/thread_parser.h"

namespace kb {

class SemEvalXmlParser : public ThreadParser {
  public:
    std::string_view format_name() const override { return "semeval"; }

    // Parses a whole document held in memory; `file` names it in errors. A malformed document
    // yields one error (with its line) and no threads; a bad Thread element is skipped alone.
    ParseOutcome parse(std::string_view xml, const std::string& file) const;

  protected:
    ParseOutcome parse_text(std::string_view text, const std::filesystem::path& file) const override;
};

}  // namespace kb
