from kclint.cli import main

main()
