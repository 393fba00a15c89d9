// libFuzzer target: bytes as damage done to a copy of a small real index (corpus/): bytes
// scribbled over, zeroed, or a file cut short, in any of its files; then the copy is checked and,
// when the check passes it, searched. An IndexError or a Xapian::DatabaseError is the answer a
// damaged index gets; a crash, a hang or any other failure is a bug.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/index/index_builder.h"
#include "indexer/index/temporary_directory.h"
#include "indexer/schema/generation_check.h"
#include "indexer/schema/index_layout.h"
#include "indexer/text/errors.h"
#include "server/search/searcher.h"

namespace fs = std::filesystem;

namespace {

// One damage: 8 bytes of input. Which file, what is done, where, and how much (or which byte).
constexpr std::size_t kDamageBytes = 8;
constexpr std::size_t kMostDamages = 8;

// The small index every input damages a copy of, built once.
struct Pristine {
    kb::TemporaryDirectory dir;
    fs::path generation;
    std::vector<fs::path> files;  // relative to the generation, sorted: input bytes pick by index

    Pristine() {
        kb::BuildOptions options;
        options.db = dir.path() / "db";
        const fs::path corpus = fs::path(KBSEARCH_SOURCE_DIR) / "corpus";
        for (const char* name : {"outlook-01.txt", "excel-01.txt", "teams-01.txt", "billing-01.txt"})
            options.inputs.push_back(corpus / name);
        options.jobs = 1;
        options.learn_answers = false;
        std::ostringstream log;
        kb::IndexBuilder().build(options, log);
        generation = options.db / kb::live_generation(options.db).value();
        for (const auto& entry : fs::recursive_directory_iterator(generation))
            if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), generation));
        std::sort(files.begin(), files.end());
    }
};

const Pristine& pristine() {
    static const Pristine built;
    return built;
}

std::uint32_t read_u32(const std::uint8_t* bytes) {
    return std::uint32_t(bytes[0]) | std::uint32_t(bytes[1]) << 8 | std::uint32_t(bytes[2]) << 16 |
           std::uint32_t(bytes[3]) << 24;
}

void apply_damage(const fs::path& file, const std::uint8_t* op) {
    const std::uintmax_t size = fs::file_size(file);
    if (size == 0) return;
    const std::uintmax_t at = read_u32(op + 2) % size;
    const unsigned amount = 1 + (unsigned(op[6]) | unsigned(op[7]) << 8) % 4096;
    switch (op[1] % 3) {
        case 0: {  // scribble: bytes from the input's own pattern
            std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
            out.seekp(static_cast<std::streamoff>(at));
            for (unsigned i = 0; i < amount && at + i < size; ++i) out.put(static_cast<char>(op[6] ^ (i * 167)));
            break;
        }
        case 1:  // cut short
            fs::resize_file(file, at);
            break;
        default: {  // zeroes
            std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
            out.seekp(static_cast<std::streamoff>(at));
            for (unsigned i = 0; i < amount && at + i < size; ++i) out.put('\0');
        }
    }
}

void search(kb::Searcher& searcher) {
    for (const char* query : {"outlook password", "printer offline", "teams camera", "0x80070005 refund"}) {
        kb::SearchRequest request;
        request.query = query;
        const kb::SearchResult result = searcher.search(request);
        for (const kb::SearchHit& hit : result.hits) searcher.thread(hit.id);
    }
    searcher.similar("Outlook keeps asking for my password every hour", 5);
    searcher.suggest("pass", 5);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Pristine& p = pristine();
    // Each input gets its own folder: the check's memo is by generation path.
    static const kb::TemporaryDirectory scratch("kbsearch-fuzz-damage");
    static std::uint64_t runs = 0;
    const fs::path db = scratch.path() / ("db-" + std::to_string(runs++));
    fs::create_directories(db);
    const fs::path generation = db / p.generation.filename();
    fs::copy(p.generation, generation, fs::copy_options::recursive);
    fs::copy_file(kb::stub_path(p.generation.parent_path()), kb::stub_path(db));
    for (std::size_t i = 0; i < kMostDamages && (i + 1) * kDamageBytes <= size; ++i) {
        const std::uint8_t* op = data + i * kDamageBytes;
        apply_damage(generation / p.files[op[0] % p.files.size()], op);
    }
    try {
        kb::Searcher searcher(db);
        search(searcher);
    } catch (const kb::IndexError&) {
    } catch (const kb::NotFoundError&) {      // a hit whose document the damage took
    } catch (const Xapian::DatabaseError&) {  // what the server maps to 503
    }
    fs::remove_all(db);
    return 0;
}
