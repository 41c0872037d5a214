import WardCLI
