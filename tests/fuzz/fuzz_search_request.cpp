// libFuzzer target: bytes as a query string (name=value&...) through the HTTP parameter checks,
// query understanding, the Xapian query built and a search of a small real index (corpus/); the
// same parameters as an answers request (GET /api/answers), through every stage of answers().
// A QueryError is the client's 400; any other failure is a bug.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include <xapian.h>

#include "indexer/index/index_builder.h"
#include "indexer/index/temporary_directory.h"
#include "indexer/text/errors.h"
#include "server/http/http_params.h"
#include "server/search/searcher.h"

namespace {

kb::Searcher& searcher() {
    static const kb::TemporaryDirectory dir;
    static std::unique_ptr<kb::Searcher> instance = [] {
        kb::BuildOptions options;
        options.db = dir.path() / "db";
        options.inputs = {std::filesystem::path(KBSEARCH_SOURCE_DIR) / "corpus"};
        options.show_progress = false;
        std::ostringstream log;
        kb::IndexBuilder().build(options, log);
        return std::make_unique<kb::Searcher>(options.db);
    }();
    return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    kb::QueryParams params;
    for (std::size_t from = 0; from <= text.size();) {
        const std::size_t amp = std::min(text.find('&', from), text.size());
        const std::string_view pair = text.substr(from, amp - from);
        const std::size_t eq = pair.find('=');
        params.emplace(std::string(pair.substr(0, eq)),
                       eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
        from = amp + 1;
    }
    try {
        searcher().search(kb::search_request_from(params));
    } catch (const kb::QueryError&) {
    } catch (const Xapian::QueryParserError&) {
    }
    try {
        searcher().answers(kb::answers_request_from(params));
    } catch (const kb::QueryError&) {
    } catch (const Xapian::QueryParserError&) {
    }
    return 0;
}
