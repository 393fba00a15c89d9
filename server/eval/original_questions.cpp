#include "server/eval/original_questions.h"

#include <set>

#include <pugixml.hpp>

#include "indexer/ingest/thread_parser.h"
#include "indexer/text/errors.h"
#include "indexer/text/line_index.h"

namespace kb {

std::vector<OriginalQuestion> read_original_questions(const std::filesystem::path& file) {
    const std::string xml = read_input_file(file, kMaxInputFileBytes);
    pugi::xml_document doc;
    const pugi::xml_parse_result result =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!result)
        throw ParseError(file.string(), LineIndex(xml).line_at(result.offset),
                         std::string("malformed XML: ") + result.description());
    std::vector<OriginalQuestion> questions;
    std::set<std::string> seen;
    for (const pugi::xpath_node& found : doc.select_nodes("//OrgQuestion")) {
        const pugi::xml_node node = found.node();
        OriginalQuestion q{node.attribute("ORGQ_ID").as_string(), node.child("OrgQSubject").text().as_string(),
                           node.child("OrgQBody").text().as_string()};
        if (q.id.empty() || !seen.insert(q.id).second) continue;
        questions.push_back(std::move(q));
    }
    return questions;
}

}  // namespace kb
