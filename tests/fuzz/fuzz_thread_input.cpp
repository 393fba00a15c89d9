// libFuzzer target: bytes through each input parser (JSON Lines, seed page, SemEval XML, SCN
// JSON), and every thread they yield through the whole preparation (normalise, PII, boilerplate,
// codes, canonical answer) and the stored record's round trip. A record may be refused
// (ParseError); nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "indexer/ingest/json_lines_parser.h"
#include "indexer/ingest/scn_json_parser.h"
#include "indexer/ingest/seed_page_parser.h"
#include "indexer/ingest/semeval_xml_parser.h"
#include "indexer/ingest/thread_pipeline.h"
#include "indexer/schema/thread_record.h"

namespace {

void prepare_and_store(const kb::ThreadPipeline& pipeline, kb::Thread thread) {
    const kb::ThreadRecord record = pipeline.prepare(std::move(thread));
    const kb::ThreadRecord again = kb::parse_record(kb::serialise_record(record));
    if (again.thread.id != record.thread.id || again.thread.question != record.thread.question) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const kb::JsonLinesParser json_lines;
    static const kb::SeedPageParser seed_pages;
    static const kb::SemEvalXmlParser semeval;
    static const kb::ScnJsonParser scn;
    static const kb::ThreadPipeline pipeline;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (kb::Thread& thread : json_lines.parse(text, "fuzz.jsonl").threads)
        prepare_and_store(pipeline, std::move(thread));
    // The whole-file formats throw ParseError for a file they cannot read at all.
    try {
        for (kb::Thread& thread : semeval.parse(text, "fuzz.xml").threads)
            prepare_and_store(pipeline, std::move(thread));
    } catch (const kb::ParseError&) {
    }
    try {
        for (kb::Thread& thread : scn.parse(text, "fuzz", "fuzz.json").threads)
            prepare_and_store(pipeline, std::move(thread));
    } catch (const kb::ParseError&) {
    }
    try {
        prepare_and_store(pipeline, seed_pages.parse(text, "fuzz-page", "fuzz.txt"));
    } catch (const kb::ParseError&) {
        // Not a page: reported to the user, as the build does.
    }
    return 0;
}
