// ScnJsonParser: reads an SAP Community Network topic dump (Calefato et al., 2018): a JSON array
// of posts where question "N" is followed by its answers "N.1", "N.2"... Each question is a Thread.
#pragma once

#include <string>
#include <string_view>

#include "indexer/ingest/thread_parser.h"

namespace kb {

class ScnJsonParser : public ThreadParser {
  public:
    std::string_view format_name() const override { return "scn"; }

    // Parses a whole dump held in memory. `topic` (the file stem) prefixes thread ids and names
    // the product; `file` names it in errors. A post that lacks a needed field is reported with
    // its line and skipped; the others still parse.
    ParseOutcome parse(std::string_view json_text, const std::string& topic, const std::string& file) const;

  protected:
    ParseOutcome parse_text(std::string_view text, const std::filesystem::path& file) const override;
};

}  // namespace kb
