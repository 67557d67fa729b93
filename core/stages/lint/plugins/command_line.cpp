// Placeholder expansion and batching of linter commands; the rules are
// described in command_line.hpp and docs/plugins.md.
#include "stages/lint/plugins/command_line.hpp"

#include <algorithm>

#include "stages/lint/plugins/descriptor.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

bool names_files(const std::string& arg) {
  return arg.find(k_files_placeholder) != std::string::npos ||
         arg.find(k_file_placeholder) != std::string::npos;
}

// A file named "-x.sh" would be read as an option: pass it as "./-x.sh".
std::string safe_file_argument(const std::string& file) {
  return util::starts_with(file, "-") ? "./" + file : file;
}

}  // namespace

std::vector<std::string> insert_args(std::vector<std::string> argv, const std::vector<std::string>& args) {
  const auto position = std::find_if(argv.begin(), argv.end(), names_files);
  argv.insert(position, args.begin(), args.end());
  return argv;
}

std::vector<std::string> drop_config(std::vector<std::string> argv) {
  std::vector<std::string> kept;
  for (const std::string& arg : argv) {
    if (arg.find(k_config_placeholder) == std::string::npos) {
      kept.push_back(arg);
      continue;
    }
    if (arg == k_config_placeholder && !kept.empty() && util::starts_with(kept.back(), "-")) kept.pop_back();
  }
  return kept;
}

std::vector<std::string> expand_command(const std::vector<std::string>& argv_template,
                                        const CommandInputs& inputs) {
  std::vector<std::string> argv = insert_args(argv_template, inputs.extra_args);
  if (inputs.config.empty()) argv = drop_config(std::move(argv));
  const std::string first_file =
      inputs.files.empty() ? std::string() : safe_file_argument(inputs.files.front());
  std::vector<std::string> expanded;
  expanded.reserve(argv.size() + inputs.files.size());
  for (std::string& arg : argv) {
    if (arg == k_files_placeholder) {
      for (const std::string& file : inputs.files) expanded.push_back(safe_file_argument(file));
      continue;
    }
    if (arg.find('{') != std::string::npos) {
      arg = util::replace_all(std::move(arg), k_file_placeholder, first_file);
      arg = util::replace_all(std::move(arg), k_root_placeholder, inputs.root);
      arg = util::replace_all(std::move(arg), k_config_placeholder, inputs.config);
      arg = util::replace_all(std::move(arg), k_sarif_out_placeholder, inputs.sarif_out);
    }
    expanded.push_back(std::move(arg));
  }
  return expanded;
}

std::size_t argv_bytes(const std::vector<std::string>& argv) {
  std::size_t bytes = 0;
  for (const std::string& arg : argv) bytes += arg.size() + 1;
  return bytes;
}

std::vector<std::vector<std::string>> split_batches(const std::vector<std::string>& files,
                                                    std::size_t max_files, std::size_t fixed_bytes,
                                                    std::size_t max_bytes) {
  std::vector<std::vector<std::string>> batches;
  std::vector<std::string> current;
  std::size_t current_bytes = fixed_bytes;
  const std::size_t limit = std::max<std::size_t>(max_files, 1);
  for (const std::string& file : files) {
    const std::size_t bytes = safe_file_argument(file).size() + 1;
    if (!current.empty() && (current.size() >= limit || current_bytes + bytes > max_bytes)) {
      batches.push_back(std::move(current));
      current.clear();
      current_bytes = fixed_bytes;
    }
    current.push_back(file);
    current_bytes += bytes;
  }
  if (!current.empty()) batches.push_back(std::move(current));
  return batches;
}

}  // namespace slipway::lint
