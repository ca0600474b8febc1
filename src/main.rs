fn main() -> std::process::ExitCode {
    hyoka::cli::main()
}
