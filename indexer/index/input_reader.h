// Reading a build's or an update's input: files under the paths given, each parsed with its
// format's parser, bad records and repeated thread ids skipped and reported as they happen.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <vector>

#include "indexer/index/index_builder.h"

namespace kb {

// Files under the inputs, sorted so a build is repeatable. Throws IndexError for a missing input.
std::vector<std::filesystem::path> collect_files(const std::vector<std::filesystem::path>& inputs);

// Parses `files` in order and hands each thread to `take`, counting it in report.threads_indexed;
// skips go to report.skipped and to `log`. `take` returns false to stop reading; read_threads
// then returns false.
bool read_threads(const BuildOptions& options, const std::vector<std::filesystem::path>& files, BuildReport& report,
                  std::ostream& log, const std::function<bool(Thread&&)>& take);

}  // namespace kb
