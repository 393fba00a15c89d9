// SeedPageParser: reads a support thread page as scraped to text (the ../shared/seeds format):
// title, asker line, question, product breadcrumb, comment count, then numbered answers.
#pragma once

#include <string>
#include <string_view>

#include "indexer/ingest/thread_parser.h"

namespace kb {

class SeedPageParser : public ThreadParser {
  public:
    std::string_view format_name() const override { return "seed"; }

    // Parses one page. `id` becomes Thread::id, `file` names it in errors.
    // Throws ParseError (file, line) when the text is not a thread page.
    Thread parse(std::string_view text, const std::string& id, const std::string& file) const;

  protected:
    ParseOutcome parse_text(std::string_view text, const std::filesystem::path& file) const override;
    std::uintmax_t max_file_bytes() const override;
};

}  // namespace kb
