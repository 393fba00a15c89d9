#include "tests/support/test_index.h"

#include <sstream>

namespace kb::test {

BuildReport build_index(const std::filesystem::path& db, const std::vector<std::filesystem::path>& inputs,
                        unsigned jobs) {
    BuildOptions options;
    options.jobs = jobs;
    options.db = db;
    options.inputs = inputs;
    std::ostringstream log;
    return IndexBuilder().build(options, log);
}

}  // namespace kb::test
