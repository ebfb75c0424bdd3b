"""Language helpers at the natasha/pymorphy boundary: models, NER, morphology, lemmas."""
