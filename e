rustify-select: error: nonexist.json: no such file
