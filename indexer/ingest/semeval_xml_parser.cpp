#include "indexer/ingest/semeval_xml_parser.h"

#include <unordered_set>

#include <pugixml.hpp>

#include "indexer/text/line_index.h"
#include "indexer/text/normaliser.h"

namespace kb {

namespace {

std::string text_of(const pugi::xml_node& parent, const char* child) { return parent.child(child).text().as_string(); }

}  // namespace

ParseOutcome SemEvalXmlParser::parse_text(std::string_view text, const std::filesystem::path& file) const {
    return parse(text, file.string());
}

ParseOutcome SemEvalXmlParser::parse(std::string_view xml, const std::string& file) const {
    ParseOutcome outcome;
    const LineIndex lines(xml);
    pugi::xml_document doc;
    // parse_default keeps entity decoding and end-of-line normalisation; the internal DTD is skipped.
    const pugi::xml_parse_result result =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!result) {
        outcome.errors.emplace_back(file, lines.line_at(result.offset),
                                    std::string("malformed XML: ") + result.description());
        return outcome;
    }

    // The same related thread is listed under every original question it was retrieved for;
    // the first copy is the thread, the rest add nothing.
    std::unordered_set<std::string> seen;
    for (const pugi::xpath_node& found : doc.select_nodes("//Thread")) {
        const pugi::xml_node thread_node = found.node();
        const int line = lines.line_at(thread_node.offset_debug());
        const pugi::xml_node rel = thread_node.child("RelQuestion");
        const std::string id = rel.attribute("RELQ_ID").as_string();
        if (!rel || id.empty()) {
            outcome.errors.emplace_back(file, line, "Thread without a RelQuestion RELQ_ID: skipped");
            continue;
        }
        // An id is a key (a term, a URL): bytes that are not UTF-8 would be stored replaced.
        if (!Normaliser::is_valid_utf8(id)) {
            outcome.errors.emplace_back(file, line, "RELQ_ID is not valid UTF-8: skipped");
            continue;
        }
        if (!seen.insert(id).second) continue;

        Thread t;
        t.id = id;
        t.source_file = file;
        t.title = text_of(rel, "RelQSubject");
        t.question = text_of(rel, "RelQBody");
        t.date = rel.attribute("RELQ_DATE").as_string();
        t.asker_name = rel.attribute("RELQ_USERNAME").as_string();
        if (const std::string category = rel.attribute("RELQ_CATEGORY").as_string(); !category.empty())
            t.product_path.push_back(category);
        if (t.title.empty() && t.question.empty()) {
            outcome.errors.emplace_back(file, line, "thread '" + id + "' has neither subject nor body: skipped");
            continue;
        }
        for (const pugi::xml_node comment : thread_node.children("RelComment")) {
            Answer a;
            a.role = AuthorRole::User;
            a.source_id = comment.attribute("RELC_ID").as_string();
            a.date = comment.attribute("RELC_DATE").as_string();
            a.author_name = comment.attribute("RELC_USERNAME").as_string();
            a.body = text_of(comment, "RelCText");
            a.source_line = lines.line_at(comment.offset_debug());
            t.answers.push_back(std::move(a));
        }
        outcome.threads.push_back(std::move(t));
    }
    return outcome;
}

}  // namespace kb
