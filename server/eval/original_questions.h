// The original questions of a SemEval-2016 Task 3 file (OrgQuestion: id, subject, body): the
// queries of subtasks B and C. The related threads themselves come from SemEvalXmlParser.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kb {

struct OriginalQuestion {
    std::string id;  // ORGQ_ID, "Q268"
    std::string subject;
    std::string body;
};

// In file order, each id once. Throws ParseError (file, line) for a malformed document.
std::vector<OriginalQuestion> read_original_questions(const std::filesystem::path& file);

}  // namespace kb
