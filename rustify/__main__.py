from rustify.cli.entry import main

main()
