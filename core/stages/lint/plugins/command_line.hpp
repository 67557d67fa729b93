// Turning a descriptor's command template into the argument vectors of the
// calls: placeholder expansion, the user's extra arguments, the optional
// {config}, and splitting many files into batches that fit one command line.
//
// Kept apart from the runner so that these rules, which users have to predict
// when they write a descriptor, are small pure functions with their own tests.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace slipway::lint {

// Total bytes a batch's argument vector may take (each argument plus its NUL).
// Linux allows 2 MiB for arguments and environment together; 128 KiB leaves
// room for a large environment and is far below any real limit.
inline constexpr std::size_t k_max_argv_bytes = 128 * 1024;

struct CommandInputs {
  std::vector<std::string> files;       // what {files} expands to; {file} is the first
  std::string root;                     // {root}
  std::string config;                   // {config}; "" = none, see drop_config()
  std::string sarif_out;                // {sarif_out}
  std::vector<std::string> extra_args;  // lint.linters.<id>.args
};

// `args` inserted before the first element that contains {files} or {file},
// or appended when there is none (project mode).
std::vector<std::string> insert_args(std::vector<std::string> argv, const std::vector<std::string>& args);

// For a linter without a config file: drops every element containing
// {config}, and, when such an element is exactly "{config}" (the value of a
// separate option), the element before it too if that starts with '-'.
// ["-c", "{config}"] and ["--config={config}"] both disappear whole.
std::vector<std::string> drop_config(std::vector<std::string> argv);

// The final argument vector: extra args inserted, {config} dropped when
// there is none, then {files} (a whole element) replaced by one argument per
// file and {file} {root} {config} {sarif_out} substituted inside elements.
// Other brace text is left alone. A file name starting with '-' is passed as
// "./-name" so that no tool takes it for an option.
std::vector<std::string> expand_command(const std::vector<std::string>& argv_template,
                                        const CommandInputs& inputs);

// Bytes an argument vector takes: the sum of each argument's length + 1.
std::size_t argv_bytes(const std::vector<std::string>& argv);

// Splits `files` into consecutive batches of at most `max_files`, each small
// enough that `fixed_bytes` (the command without files) plus the batch's
// argv_bytes() stays within `max_bytes`. A single file too long for the limit
// on its own still gets a batch of its own. No empty batches.
std::vector<std::vector<std::string>> split_batches(const std::vector<std::string>& files,
                                                    std::size_t max_files, std::size_t fixed_bytes,
                                                    std::size_t max_bytes = k_max_argv_bytes);

}  // namespace slipway::lint
