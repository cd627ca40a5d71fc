from cardfile.cli import main

main()
